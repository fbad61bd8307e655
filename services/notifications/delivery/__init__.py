"""Outbound transports (SMTP, webhooks), their safety checks, and the delivery worker."""
