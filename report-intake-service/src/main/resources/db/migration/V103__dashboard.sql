-- The duty officers' dashboard: accounts (PBKDF2 password hashes) and server-side sessions
-- (only a hash of the cookie's random id is stored, so a database read does not yield sessions).
create table dashboard_user (
    username      text primary key,
    display_name  text        not null,
    roles         text[]      not null,
    password_hash text        not null,
    created_at    timestamptz not null
);

create table dashboard_session (
    id_hash     text primary key,
    username    text        not null references dashboard_user (username) on delete cascade,
    created_at  timestamptz not null,
    expires_at  timestamptz not null
);
create index dashboard_session_expiry_idx on dashboard_session (expires_at);
