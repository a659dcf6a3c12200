/**
 * The AWS SDK's own region data: `partition(region)` of @aws-sdk/core/client (the package's
 * public `./client` export) returns a `description` only for a region listed in its
 * partitions.json; an unlisted name still gets its partition's DNS suffix by pattern, with no
 * description. Loaded late, as the STS client is, so a run that fails on its inputs never pays.
 */
export async function loadKnownRegions(): Promise<(region: string) => boolean> {
  const { partition } = await import('@aws-sdk/core/client');
  // The declared type omits `description`, which the data spreads in for listed regions only.
  return (region) =>
    typeof (partition(region) as { description?: unknown }).description === 'string';
}
