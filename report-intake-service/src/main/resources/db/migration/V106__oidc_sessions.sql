-- The dashboard signs officers in through Keycloak (issue 22): its own accounts and passwords go,
-- and so do the sessions opened with them. A session keeps what the ID token said of the officer
-- (name, roles, unit), Keycloak's session id (sid: a sign-out there ends it here, by the
-- back-channel logout) and the ID token (the hint of the sign-out request), with a CSRF token for
-- its forms. Still only a hash of the cookie's random id is stored.
drop table if exists dashboard_session;
drop table if exists dashboard_user;

create table dashboard_session (
    id_hash          text primary key,
    username         text        not null,
    display_name     text        not null,
    roles            text[]      not null,
    unit             text,
    provider_session text,
    id_token         text        not null,
    csrf             text        not null,
    created_at       timestamptz not null,
    expires_at       timestamptz not null
);
create index dashboard_session_expiry_idx on dashboard_session (expires_at);
create index dashboard_session_provider_idx on dashboard_session (provider_session);

-- A sign-in under way: the state sent to Keycloak (hashed), bound to the browser that started it
-- (the hash of a cookie of its own), with the PKCE verifier and the nonce the ID token must carry.
create table dashboard_sign_in (
    state_hash    text primary key,
    browser_hash  text        not null,
    code_verifier text        not null,
    nonce         text        not null,
    created_at    timestamptz not null
);
