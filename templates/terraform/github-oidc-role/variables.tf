variable "create_oidc_provider" {
  description = "Create the IAM OIDC provider for https://token.actions.githubusercontent.com. An account can hold only one provider per URL: set false if it exists and pass oidc_provider_arn."
  type        = bool
  default     = true
}

variable "oidc_provider_arn" {
  description = "ARN of the existing GitHub OIDC provider, required when create_oidc_provider is false."
  type        = string
  default     = null
}

variable "github_org" {
  description = "GitHub organisation or user that owns the repository, e.g. my-org."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]*$", var.github_org))
    error_message = "github_org must be a GitHub owner name such as my-org."
  }
}

variable "repository" {
  description = "Repository name without the owner, e.g. my-repo."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]+$", var.repository))
    error_message = "repository must be a bare repository name (no owner, no slash)."
  }
}

variable "environment" {
  description = "Optional GitHub environment name (e.g. prod). When set, only jobs running in that environment may assume the role. Takes precedence over branch."
  type        = string
  default     = null
}

variable "branch" {
  description = "Optional branch name (e.g. main), used when environment is not set. Leave both unset to trust every workflow of the repository."
  type        = string
  default     = null
}

variable "role_name" {
  description = "Name of the IAM role to create."
  type        = string
  default     = "github-actions-deploy"
}

variable "max_session_duration" {
  description = "Longest session the role allows, in seconds (3600 to 43200)."
  type        = number
  default     = 3600

  validation {
    condition     = var.max_session_duration >= 3600 && var.max_session_duration <= 43200
    error_message = "max_session_duration must be between 3600 and 43200 seconds."
  }
}

variable "managed_policy_arns" {
  description = "Managed policy ARNs to attach to the role: what your deploy needs."
  type        = list(string)
  default     = []
}

variable "inline_policies" {
  description = "Inline policies to put on the role, as a map of policy name to policy JSON."
  type        = map(string)
  default     = {}
}

variable "tags" {
  description = "Tags for the role and the OIDC provider."
  type        = map(string)
  default     = {}
}

variable "role_path" {
  description = "IAM path of the role, e.g. /deploy/ (many organisations require one)."
  type        = string
  default     = "/"

  validation {
    condition     = can(regex("^/([\\x21-\\x7E]{1,510}/)?$", var.role_path))
    error_message = "role_path must start and end with /, e.g. /deploy/."
  }
}

variable "permissions_boundary_arn" {
  description = "ARN of a managed policy to set as the role's permissions boundary, or null for none."
  type        = string
  default     = null
}

variable "audience" {
  description = "Token audience: the action's audience input and the provider's client ID (sts.amazonaws.com.cn in the China regions)."
  type        = string
  default     = "sts.amazonaws.com"
}

variable "issuer_url" {
  description = "Token issuer: https://token.actions.githubusercontent.com (github.com), https://token.actions.githubusercontent.com/ENTERPRISE_SLUG (GHE Cloud with a unique issuer) or https://HOST/_services/token (GHES)."
  type        = string
  default     = "https://token.actions.githubusercontent.com"

  validation {
    condition     = can(regex("^https://[^/\\s]+(/[^\\s]*)?$", var.issuer_url))
    error_message = "issuer_url must be an https:// URL, as in the token's iss claim."
  }
}

variable "thumbprint_list" {
  description = "Thumbprints of the issuer's certificate chain; leave empty for github.com (IAM uses its trusted CAs)."
  type        = list(string)
  default     = []
}
