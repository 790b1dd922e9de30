-- one database per service (DESIGN.md)
create database binhyen_group;
create database binhyen_moderation;
create database binhyen_report;
create database binhyen_notification;
create database binhyen_connector;
create database binhyen_keycloak;
