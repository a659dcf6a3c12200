export const id = 0;
export const ids = [0];
export const modules = {

/***/ 9000:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   listIamRoles: () => (/* binding */ listIamRoles)
/* harmony export */ });
/**
 * Reads every role's trust policy from IAM: ListRoles (paginated), and GetRole only for a role
 * whose listing lacks its trust policy. The only import of @aws-sdk/client-iam, loaded late so
 * that `generate` and `check` never pay for it. Credentials come from the SDK's standard chain.
 * Minimum permissions: iam:ListRoles and iam:GetRole.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html
 */
/** Every role in the account, with its trust policy as IAM returns it. */
async function listIamRoles(connection) {
    const { IAMClient, GetRoleCommand, paginateListRoles } = await __webpack_require__.e(/* import() */ 764).then(__webpack_require__.t.bind(__webpack_require__, 6764, 19));
    // IAM is global; the SDK still needs a region to sign for, us-east-1 in the aws partition.
    const client = new IAMClient({
        region: connection.region ?? 'us-east-1',
        ...(connection.profile === undefined ? {} : { profile: connection.profile }),
        ...(connection.endpointUrl === undefined ? {} : { endpoint: connection.endpointUrl }),
    });
    try {
        const roles = [];
        for await (const page of paginateListRoles({ client }, {})) {
            for (const role of page.Roles ?? []) {
                const name = role.RoleName ?? '';
                let policyDocument = role.AssumeRolePolicyDocument;
                if (policyDocument === undefined) {
                    const got = await client.send(new GetRoleCommand({ RoleName: name }));
                    policyDocument = got.Role?.AssumeRolePolicyDocument;
                }
                roles.push({ name, arn: role.Arn ?? '', policyDocument });
            }
        }
        return roles;
    }
    finally {
        client.destroy();
    }
}


/***/ })

};
