-- The boards' console (issue 24) calls group-service and moderation-service as the signed-in
-- person: the session keeps Keycloak's access and refresh tokens, sealed (AES-256-GCM under the
-- master key, bound to the session's id hash), and when the access token runs out.
alter table dashboard_session add column access_token text;
alter table dashboard_session add column refresh_token text;
alter table dashboard_session add column access_expires_at timestamptz;
