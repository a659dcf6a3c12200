output "role_arn" {
  description = "ARN of the role: the action's role-to-assume."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the role."
  value       = aws_iam_role.this.name
}

output "oidc_provider_arn" {
  description = "ARN of the GitHub OIDC provider the role trusts."
  value       = local.oidc_provider_arn
}

output "subject" {
  description = "The sub claim pattern the trust policy accepts."
  value       = local.subject
}
