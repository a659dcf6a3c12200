variable "gateway_role_arn" {
  description = "ARN of the gateway role in the tooling account that may assume this role, e.g. arn:aws:iam::222222222222:role/github-actions-gateway."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", var.gateway_role_arn))
    error_message = "gateway_role_arn must be an IAM role ARN."
  }
}

variable "external_id" {
  description = "External ID the gateway must present (the role-chain hop's external-id=...). Keep it in a GitHub secret; note it is readable in the trust policy by anyone allowed iam:GetRole."
  type        = string
  sensitive   = true

  validation {
    # Length checked apart: RE2 (Terraform's regex engine) allows at most 1000 repetitions.
    condition     = length(var.external_id) >= 2 && length(var.external_id) <= 1224 && can(regex("^[A-Za-z0-9_+=,.@:/-]+$", var.external_id))
    error_message = "external_id must be 2 to 1224 characters of letters, digits and _+=,.@:/-."
  }
}

variable "role_name" {
  description = "Name of the deploy role to create."
  type        = string
  default     = "github-deploy"
}

variable "max_session_duration" {
  description = "Longest session for direct AssumeRole calls, in seconds (3600 to 43200). Role-chained sessions are capped at 1 hour by STS regardless."
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
  description = "Tags for the role."
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
