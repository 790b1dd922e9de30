-- Open311 GeoReport v2 clients (issue 25): the spec's api_key identifies the client app that
-- files requests. Each key belongs to a bot identity, whose bindings to groups (issue 21) decide
-- which units it may file for; only the key's SHA-256 is kept, so the table cannot give a key
-- back. A revoked key stays, to show who revoked it and when.
create table open311_client (
    client_id  text        primary key,
    key_hash   text        not null unique,
    issued_by  text        not null,
    issued_at  timestamptz not null,
    revoked_by text,
    revoked_at timestamptz
);
