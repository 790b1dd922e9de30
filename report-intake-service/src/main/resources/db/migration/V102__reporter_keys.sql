-- one AES-256 key per reporter (per report's reporter): the events hold only ciphertext of
-- names, addresses and phones; deleting the key shreds them (crypto-shredding)
create table reporter_key (
    report_id   text        primary key,
    key         bytea       not null,
    created_at  timestamptz not null
);
