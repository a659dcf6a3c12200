/** The action's name and version, sent in every STS call's User-Agent (a unit test pins them to package.json). */
export const ACTION_NAME = 'aws-deploy-role';
export const ACTION_VERSION = '1.0.0';
