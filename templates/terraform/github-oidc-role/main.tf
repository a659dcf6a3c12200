# An IAM role that GitHub Actions workflows of one repository assume with their OIDC token
# (AssumeRoleWithWebIdentity), and optionally the account's GitHub OIDC provider.
#
# The trust policy allows sts:AssumeRoleWithWebIdentity only. sts:TagSession and
# sts:SetSourceIdentity are not needed here: AssumeRoleWithWebIdentity takes no Tags or
# SourceIdentity parameter, and GitHub's token carries no claims that would set them.

terraform {
  required_version = ">= 1.3"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.81"
    }
  }
}

locals {
  # IAM names the provider and its condition keys after the issuer URL without https://.
  github_oidc_host = trimsuffix(trimprefix(var.issuer_url, "https://"), "/")

  # Treat "" like "not set".
  environment = var.environment == "" ? null : var.environment
  branch      = var.branch == "" ? null : var.branch

  repo_prefix = "repo:${var.github_org}/${var.repository}"

  # Which workflows may assume the role (the token's "sub" claim), first match wins.
  subject = (
    local.environment != null ? "${local.repo_prefix}:environment:${local.environment}" :
    local.branch != null ? "${local.repo_prefix}:ref:refs/heads/${local.branch}" :
    "${local.repo_prefix}:*"
  )
  subject_test = local.environment == null && local.branch == null ? "StringLike" : "StringEquals"

  oidc_provider_arn = (
    var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : var.oidc_provider_arn
  )
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://${local.github_oidc_host}"
  client_id_list = [var.audience]

  # AWS no longer checks a thumbprint for github.com's provider: IAM verifies the endpoint against
  # its own library of trusted root CAs, and provider 5.81 made the argument optional. A GHES host
  # with a certificate from a private CA still needs its thumbprint.
  thumbprint_list = length(var.thumbprint_list) > 0 ? var.thumbprint_list : null

  tags = var.tags
}

data "aws_iam_policy_document" "trust" {
  lifecycle {
    precondition {
      condition     = var.create_oidc_provider || var.oidc_provider_arn != null
      error_message = "oidc_provider_arn is required when create_oidc_provider is false."
    }
  }

  statement {
    sid     = "GitHubActionsOidc"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.github_oidc_host}:aud"
      values   = [var.audience]
    }

    condition {
      test     = local.subject_test
      variable = "${local.github_oidc_host}:sub"
      values   = [local.subject]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.role_name
  description          = "Assumed by GitHub Actions in ${var.github_org}/${var.repository} via OIDC."
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
