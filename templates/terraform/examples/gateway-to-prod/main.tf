# Gateway in a tooling account, deploy role in a prod account:
#
#   GitHub OIDC token --AssumeRoleWithWebIdentity--> gateway (tooling)
#                     --AssumeRole + external ID + session tags--> github-deploy (prod)
#
# Usage, with AWS CLI profiles "tooling" and "prod" that may administer IAM in each account:
#   terraform init
#   terraform apply -var github_org=my-org -var repository=my-repo -var external_id=SOME-LONG-RANDOM-VALUE
# Then use the outputs in the workflow (see docs/aws-setup.md) and store the external ID as the
# repository or environment secret PROD_EXTERNAL_ID.

terraform {
  required_version = ">= 1.3"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "github_org" {
  description = "GitHub organisation or user that owns the repository."
  type        = string
}

variable "repository" {
  description = "Repository name without the owner."
  type        = string
}

variable "environment" {
  description = "GitHub environment whose jobs may use the gateway."
  type        = string
  default     = "prod"
}

variable "external_id" {
  description = "External ID for the prod hop; also store it as the GitHub secret PROD_EXTERNAL_ID."
  type        = string
  sensitive   = true
}

variable "region" {
  description = "Region for the AWS providers (IAM itself is global)."
  type        = string
  default     = "us-east-1"
}

variable "tooling_profile" {
  description = "AWS CLI profile for the tooling account."
  type        = string
  default     = "tooling"
}

variable "prod_profile" {
  description = "AWS CLI profile for the prod account."
  type        = string
  default     = "prod"
}

provider "aws" {
  alias   = "tooling"
  region  = var.region
  profile = var.tooling_profile
}

provider "aws" {
  alias   = "prod"
  region  = var.region
  profile = var.prod_profile
}

data "aws_caller_identity" "prod" {
  provider = aws.prod
}

data "aws_partition" "prod" {
  provider = aws.prod
}

locals {
  deploy_role_name = "github-deploy"

  # Built from the name rather than taken from the module's output: the gateway's permissions need
  # this ARN, and the deploy role's trust needs the gateway's ARN. The gateway is created first.
  deploy_role_arn = "arn:${data.aws_partition.prod.partition}:iam::${data.aws_caller_identity.prod.account_id}:role/${local.deploy_role_name}"
}

# The gateway may do nothing but assume the deploy role, with session tags and a source identity.
data "aws_iam_policy_document" "assume_deploy_roles" {
  provider = aws.tooling

  statement {
    sid       = "AssumeListedDeployRoles"
    effect    = "Allow"
    actions   = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]
    resources = [local.deploy_role_arn]
  }
}

module "gateway" {
  source = "../../github-oidc-role"
  providers = {
    aws = aws.tooling
  }

  create_oidc_provider = true # false (plus oidc_provider_arn) if the tooling account has one
  github_org           = var.github_org
  repository           = var.repository
  environment          = var.environment
  role_name            = "github-actions-gateway"

  inline_policies = {
    "assume-deploy-roles" = data.aws_iam_policy_document.assume_deploy_roles.json
  }
}

# EXAMPLE ONLY - REPLACE WITH WHAT YOUR DEPLOY NEEDS.
data "aws_iam_policy_document" "example_deploy" {
  provider = aws.prod

  statement {
    sid       = "ExampleReadOnlyS3Listing"
    effect    = "Allow"
    actions   = ["s3:ListAllMyBuckets", "s3:GetBucketLocation"]
    resources = ["*"]
  }

  statement {
    sid    = "ExampleCloudFormationDescribe"
    effect = "Allow"
    actions = [
      "cloudformation:DescribeStacks",
      "cloudformation:DescribeStackEvents",
      "cloudformation:DescribeStackResources",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "example_deploy" {
  provider = aws.prod

  name        = "github-deploy-example"
  description = "EXAMPLE - replace with what your deploy needs."
  policy      = data.aws_iam_policy_document.example_deploy.json
}

module "prod_deploy" {
  source = "../../cross-account-role"
  providers = {
    aws = aws.prod
  }

  gateway_role_arn    = module.gateway.role_arn
  external_id         = var.external_id
  role_name           = local.deploy_role_name
  managed_policy_arns = [aws_iam_policy.example_deploy.arn]
}

output "role_to_assume" {
  description = "The action's role-to-assume input."
  value       = module.gateway.role_arn
}

output "role_chain" {
  description = "The action's role-chain input (the external ID comes from a secret)."
  value       = "${module.prod_deploy.role_arn} external-id=$${{ secrets.PROD_EXTERNAL_ID }}"
}
