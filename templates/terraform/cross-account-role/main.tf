# A deploy role in a target account (e.g. prod) that a gateway role in another (tooling) account
# assumes as a later hop of the action's role chain, presenting an external ID.
#
# Trust policy:
#   - sts:AssumeRole, only from the gateway role and only with the right sts:ExternalId.
#   - sts:TagSession: the action sends session tags on every AssumeRole hop, and STS refuses tags
#     unless the trust policy allows sts:TagSession.
#   - sts:SetSourceIdentity: needed when the action's source-identity input is used; once a source
#     identity is set, every later role in the chain must allow it too.
#   These two sit in their own statement without the external-ID condition. They grant nothing on
#   their own: the call still has to pass the AssumeRole statement, external ID included.
#
# STS caps role-chained sessions (assumed with credentials that are themselves a role session, as
# from the gateway) at 1 hour, whatever max_session_duration says.
#
# The gateway role must exist before this role is created: IAM rejects a trust policy whose
# principal does not exist. If the gateway role is later recreated, re-apply this module.

terraform {
  required_version = ">= 1.3"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "AssumeFromGatewayWithExternalId"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = [var.gateway_role_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [var.external_id]
    }
  }

  statement {
    sid     = "SessionTagsAndSourceIdentityFromGateway"
    effect  = "Allow"
    actions = ["sts:TagSession", "sts:SetSourceIdentity"]

    principals {
      type        = "AWS"
      identifiers = [var.gateway_role_arn]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.role_name
  description          = "Deploy role assumed from ${var.gateway_role_arn} with an external ID."
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = var.max_session_duration
  path                 = var.role_path
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

# count (not for_each) so that ARNs of policies created in the same apply are accepted.
resource "aws_iam_role_policy_attachment" "managed" {
  count = length(var.managed_policy_arns)

  role       = aws_iam_role.this.name
  policy_arn = var.managed_policy_arns[count.index]
}

resource "aws_iam_role_policy" "inline" {
  for_each = var.inline_policies

  name   = each.key
  role   = aws_iam_role.this.id
  policy = each.value
}
