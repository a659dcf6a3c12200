// jest globalTeardown of the windows project: ends the run's wineserver and every Windows
// process of the private prefix (each was started by this run; the session lock ensures it).
import { stopWineSession } from '../../../scripts/lib/wine.mjs';

export default function globalTeardown() {
  stopWineSession();
}
