-- who is on duty each day (police-song-tri:15.2: every day, weekends and holidays included)
create table duty_roster (
    duty_date    date        not null,
    officer_id   text        not null,
    assigned_by  text        not null,
    assigned_at  timestamptz not null,
    primary key (duty_date, officer_id)
);
