-- who sits on each group's management board (leader, deputies, admins), from group events:
-- only the board acts in the police group's publishing workflow (police-song-tri:13.2)
create table group_board (
    group_id   text not null,
    member_id  text not null,
    role       text not null,
    primary key (group_id, member_id)
);
