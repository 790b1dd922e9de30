package vn.binhyen.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import vn.binhyen.contracts.Roles;

/**
 * The demo of a running stack, through the services' public APIs only.
 * <ul>
 * <li>{@code seed}: once (it looks for the police group first), the units ({@link #UNITS}), a ward's
 * official groups of all five regulations, each of its unit (the police group with its board and
 * residents, the provincial council's twelve groups from their template, a neighbourhood, a
 * province's and an IOC's group), the bot bound to the police group it serves, the dashboard's
 * officers, and a month of duty roster, weekends included; then prints who can log in.</li>
 * <li>{@code play [--minutes N]}: a few minutes of a ward's life: residents' messages screened for
 * the group's bot (most fine, some advertising, a classified document, a fake app), citizens' crime
 * tips (some incomplete, completed later), the duty officer classifying them, a post through the
 * board's approval, and an emergency for the commander.</li>
 * </ul>
 * Options: {@code --group URL --moderation URL --report URL --notification URL --keycloak URL}
 * (defaults: the ports of {@code bin/stack}, 8081–8084 and Keycloak's 8180, whose tokens it uses).
 */
public final class Demo {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** The dashboard's officers: username, role, display name, password. */
    static final List<String[]> OFFICERS = List.of(
            new String[] {"duty-1", Roles.DUTY_OFFICER, "Thượng úy Lê Văn Trực", "truc-ban-demo-2026"},
            new String[] {"duty-2", Roles.DUTY_OFFICER, "Trung úy Đỗ Thị Thanh", "truc-ban-demo-2026"},
            new String[] {"pctp-1", Roles.PCTP_OFFICER, "Đại úy Phạm Quốc Hùng", "hinh-su-demo-2026"},
            new String[] {"commander-1", Roles.COMMANDER, "Trung tá Nguyễn Đức Chỉ", "chi-huy-demo-2026"},
            new String[] {"leader-st", Roles.LEADER, "Thiếu tá Hoàng Mạnh Tùng", "lanh-dao-demo-2026"});
    /**
     * The units (issue 21): id, name, kind. Staff tokens name the first ({@link Tokens#DEFAULT_UNIT});
     * the second, another ward's police, shows that a unit's staff see only its own groups.
     */
    static final List<String[]> UNITS = List.of(
            new String[] {"ca-phuong-song-tri", "Công an phường Sông Trí", "WARD_POLICE"},
            new String[] {"ca-phuong-song-cau", "Công an phường Sông Cầu", "WARD_POLICE"},
            new String[] {"ubnd-phuong-binh-phuoc", "UBND phường Bình Phước", "WARD_COMMITTEE"},
            new String[] {"hdnd-tinh-binh-duong", "HĐND tỉnh Bình Dương", "PROVINCIAL_COUNCIL"},
            new String[] {"ubnd-tinh-lai-chau", "UBND tỉnh Lai Châu", "PROVINCIAL_COMMITTEE"},
            new String[] {"ioc-dak-lak", "Trung tâm IOC tỉnh Đắk Lắk", "IOC"});
    /** The bot that screens the police group's messages and relays its citizens' reports. */
    static final String BOT = "zalo-bot";
    /** The police group's residents, who write in it. */
    static final List<String[]> RESIDENTS = List.of(new String[] {"dan-1", "Nguyễn Thị Lan"},
            new String[] {"dan-2", "Trần Văn Bình"}, new String[] {"dan-3", "Lê Thị Hồng Nhung"},
            new String[] {"dan-4", "Phạm Minh Tuấn"}, new String[] {"dan-5", "Võ Thị Kim Oanh"});

    final String group;
    final String moderation;
    final String report;
    final String notification;
    /** zalo-connector and zalo-sim (issue 26), or null: then the demo's traffic is only the bot's REST calls. */
    final String connector;
    final String sim;
    /** Where its callers' tokens come from: Keycloak under bin/stack and in the system tests (issue 22). */
    final TokenSource tokens;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Demo(String group, String moderation, String report, String notification, TokenSource tokens) {
        this(group, moderation, report, notification, null, null, tokens);
    }

    public Demo(String group, String moderation, String report, String notification, String connector, String sim,
            TokenSource tokens) {
        this.connector = connector;
        this.sim = sim;
        this.tokens = tokens;
        this.group = group;
        this.moderation = moderation;
        this.report = report;
        this.notification = notification;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> urls = new LinkedHashMap<>(Map.of("--group", "http://127.0.0.1:8081", "--moderation",
                "http://127.0.0.1:8082", "--report", "http://127.0.0.1:8083", "--notification",
                "http://127.0.0.1:8084", "--keycloak", "http://127.0.0.1:8180", "--connector", "http://127.0.0.1:8085",
                "--sim", "http://127.0.0.1:8090"));
        String command = args.length == 0 ? "" : args[0];
        int minutes = 3;
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (args[i].equals("--minutes")) {
                minutes = Integer.parseInt(args[i + 1]);
            } else if (urls.containsKey(args[i])) {
                urls.put(args[i], args[i + 1]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (command.equals("sim-config")) {
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(simConfig(
                    urls.get("--connector") + "/webhooks/zalo-oa")));
            return;
        }
        Demo demo = new Demo(urls.get("--group"), urls.get("--moderation"), urls.get("--report"),
                urls.get("--notification"), urls.get("--connector"), urls.get("--sim"),
                new KeycloakTokens(Keycloak.at(urls.get("--keycloak"))));
        switch (command) {
            case "seed" -> {
                demo.seed();
                System.out.print(logins());
            }
            case "play" -> demo.play(Duration.ofMinutes(minutes), Duration.ofMillis(1_500), new Random());
            default -> {
                System.err.println("usage: Demo seed | play [--minutes N] | sim-config [--group URL --moderation URL"
                        + " --report URL --notification URL --connector URL --sim URL --keycloak URL]");
                System.exit(2);
            }
        }
    }

    /** A failed call, with what the service answered. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    JsonNode call(String method, String url, String role, String subject, Object body) {
        return call(method, url, role, subject, body, 422);
    }

    /** {@code alsoFine}: an answer besides 2xx that is no failure (422 by default; 409 where a re-run finds it done). */
    JsonNode call(String method, String url, String role, String subject, Object body, int alsoFine) {
        var builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.token(role, subject));
        try {
            builder = body == null ? builder.method(method, HttpRequest.BodyPublishers.noBody())
                    : builder.header("Content-Type", "application/json").method(method,
                            HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2 && r.statusCode() != alsoFine) {
                throw new Refused(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new Refused(method + " " + url + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(method + " " + url + " interrupted");
        }
    }

    static Map<String, Object> member(String id, String name, String phone) {
        return Map.of("memberId", id, "fullName", name, "zaloId", "zalo-" + id, "phone", phone);
    }

    static String say(String line) {
        System.out.println("[demo] " + line);
        return line;
    }

    /** The police group's id, or null before the seed. */
    public String policeGroup() {
        JsonNode page = call("GET", group + "/api/v1/groups?profile=police-song-tri&size=1", Roles.SYSTEM_ADMIN,
                "sysadmin-1", null);
        return page.path("total").asLong() == 0 ? null : page.path("items").path(0).path("groupId").asText();
    }

    /** Seeds the ward once; returns the police group's id (the existing one when seeded before). */
    public String seed() {
        String police = policeGroup();
        if (police != null) {
            say("seeded before: the police group is " + police);
            bindZalo(police);
            return police;
        }
        say("seeding the ward: units, groups of all five regulations, officers, a month of duty roster");
        for (String[] u : UNITS) { // a run cut short before may have established some: 409, already done
            call("POST", group + "/api/v1/units", Roles.SYSTEM_ADMIN, "sysadmin-1", Map.of("unitId", u[0], "name", u[1],
                    "kind", u[2]), 409);
        }
        police = call("POST", group + "/api/v1/groups", Roles.SYSTEM_ADMIN, "sysadmin-1", Map.of(
                "name", "Zalo kết nối bình yên", "purpose",
                "Kết nối Công an phường với Nhân dân; tiếp nhận phản ánh, tố giác tội phạm", "profile",
                "police-song-tri", "kind", "POLICE", "unit", "ca-phuong-song-tri", "responsibility",
                "Phó Trưởng Công an phường phụ trách", "leader",
                member("leader-st", "Hoàng Mạnh Tùng", "0912000001"))).path("groupId").asText();
        String proposals = group + "/api/v1/groups/" + police + "/membership-proposals";
        call("POST", proposals, Roles.LEADER, "leader-st", Map.of("change", "ADD", "member",
                member("cskv-1", "Lê Văn Thành", "0912000002"), "role", "DEPUTY"));
        call("POST", proposals, Roles.LEADER, "leader-st", Map.of("change", "ADD", "member",
                member("qtv-1", "Phạm Văn Đức", "0912000003"), "role", "ADMIN"));
        for (int i = 0; i < RESIDENTS.size(); i++) {
            String[] r = RESIDENTS.get(i);
            call("POST", proposals, Roles.LEADER, "leader-st", Map.of("change", "ADD", "member",
                    member(r[0], r[1], "09120001" + String.format("%02d", i))));
        }
        call("POST", group + "/api/v1/groups/" + police + "/directives", Roles.LEADER, "leader-st", Map.of("text",
                "Đề nghị bà con cảnh giác với thủ đoạn giả danh công an gọi điện yêu cầu chuyển tiền."));

        List<String> names = List.of("Nguyễn Văn Lộc", "Trần Thị Thu Hà", "Lê Minh Quang", "Phạm Thị Hồng",
                "Võ Văn Tâm", "Đặng Thị Mai", "Bùi Quốc Khánh", "Huỳnh Thị Ngọc", "Ngô Văn Sơn", "Dương Thị Yến",
                "Lý Văn Phúc", "Trịnh Thị Lan Anh");
        List<String> keys = List.of("delegates", "standing", "committee-economy", "committee-culture",
                "committee-legal", "delegation-thu-dau-mot", "delegation-thuan-an", "delegation-di-an",
                "delegation-ben-cat", "delegation-tan-uyen", "delegation-dau-tieng-bau-bang",
                "delegation-phu-giao-bac-tan-uyen");
        Map<String, Object> leaders = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            leaders.put(keys.get(i), member("hdnd-" + (i + 1), names.get(i), "09130000" + String.format("%02d", i + 1)));
        }
        call("POST", group + "/api/v1/groups/templates/council-term-x", Roles.SYSTEM_ADMIN, "sysadmin-1", Map.of(
                "profile", "council-binh-duong", "unit", "hdnd-tinh-binh-duong", "responsibility",
                "Văn phòng HĐND tỉnh quản lý, vận hành", "leaders", leaders));
        call("POST", group + "/api/v1/groups", Roles.SYSTEM_ADMIN, "sysadmin-1", Map.of("name",
                "Khu phố 3 - phường Bình Phước", "purpose", "Trao đổi thông tin, công việc của khu phố", "profile",
                "ward-binh-phuoc", "kind", "NEIGHBOURHOOD", "unit", "ubnd-phuong-binh-phuoc", "responsibility",
                "Trưởng khu phố quản lý, vận hành", "leader", member("kp3-truong", "Trần Văn Hùng", "0914000001")));
        call("POST", group + "/api/v1/groups", Roles.SYSTEM_ADMIN, "sysadmin-1", Map.of("name",
                "UBND tỉnh Lai Châu - Điều hành", "purpose", "Chỉ đạo, điều hành công việc của UBND tỉnh", "profile",
                "province-lai-chau", "kind", "PROVINCE", "unit", "ubnd-tinh-lai-chau", "responsibility",
                "Chánh Văn phòng UBND tỉnh quản lý", "leader",
                member("lc-chanh-vp", "Lò Văn Minh - Chánh Văn phòng UBND tỉnh", "0915000001")));
        call("POST", group + "/api/v1/groups", Roles.SYSTEM_ADMIN, "sysadmin-1", Map.of("name",
                "IOC Đắk Lắk - Vận hành", "purpose", "Phối hợp vận hành Trung tâm điều hành thông minh", "profile",
                "ioc-dak-lak", "kind", "OPERATIONS", "unit", "ioc-dak-lak", "responsibility",
                "Giám đốc Trung tâm IOC quản lý", "leader", member("ioc-giam-doc", "Y Bhim Niê", "0916000001")));
        // the bot acts only for the groups it is bound to (issue 21): it screens and relays in the police group
        call("POST", group + "/api/v1/groups/" + police + "/bots", Roles.SYSTEM_ADMIN, "sysadmin-1",
                Map.of("botId", BOT), 409);

        // the dashboard's officers are Keycloak's users (issue 22): KeycloakTokens.seedDemo made them
        // police-song-tri:15.2: somebody on duty every day, weekends and holidays included
        LocalDate today = LocalDate.now(VIETNAM);
        for (int d = 0; d < 31; d++) {
            call("PUT", report + "/api/v1/duty-roster/" + today.plusDays(d), Roles.COMMANDER, "commander-1",
                    Map.of("officers", List.of(d % 2 == 0 ? "duty-1" : "duty-2")));
        }
        say("seeded: the police group is " + police);
        bindZalo(police);
        return police;
    }

    /** Who can log in, and how. */
    public static String logins() {
        StringBuilder out = new StringBuilder("""

                  The duty officers' dashboard: http://127.0.0.1:8083/dashboard
                  (it signs in through Keycloak: the username and password below, then the one-time code
                  that bin/stack otp USERNAME prints)
                """);
        for (String[] o : OFFICERS) {
            out.append(String.format("    %-13s %-12s / %-20s %s%n", o[1], o[0], o[3], o[2]));
        }
        out.append("""
                  A token Keycloak issues for the APIs (for 15 minutes), one demo user per role:
                """);
        Map<String, String> subjects = new LinkedHashMap<>();
        subjects.put(Roles.SYSTEM_ADMIN, "sysadmin-1  (units, groups, bots)");
        subjects.put(Roles.LEADER, "leader-st   (the police group; hdnd-1, kp3-truong lead others)");
        subjects.put(Roles.DEPUTY, "cskv-1      (the police group's board)");
        subjects.put(Roles.ADMIN, "qtv-1       (the police group's administrator)");
        subjects.put(Roles.MEMBER, "dan-1       (a resident)");
        subjects.put(Roles.BOT, "zalo-bot    (bound to the police group: screens messages, relays citizens' reports)");
        subjects.put(Roles.DUTY_OFFICER, "duty-1");
        subjects.put(Roles.PCTP_OFFICER, "pctp-1");
        subjects.put(Roles.COMMANDER, "commander-1");
        subjects.put(Roles.AUDITOR, "auditor-1   (read-only; bin/audit verify needs none)");
        subjects.forEach((role, who) -> out.append(String.format("    bin/stack token %-13s --subject %s%n", role, who)));
        out.append("""
                  Staff tokens name the unit ca-phuong-song-tri; --unit ca-phuong-song-cau names another ward's,
                  which sees none of these groups.
                  Keycloak (http://127.0.0.1:8180/realms/binhyen/account) signs these people in with the password
                  above, or for others dev-USERNAME-2026, and a one-time code: bin/stack otp USERNAME
                """);
        out.append("""
                  More traffic: bin/stack demo [--minutes N]   (in another terminal)

                """);
        return out.toString();
    }

    /** The simulated Zalo group that carries the police group under bin/stack (zalo-sim, issue 26). */
    public static final String ZALO_GROUP = "zg-zalo-ket-noi-binh-yen";

    /**
     * zalo-sim's configuration for bin/stack: one OA group, "Zalo kết nối bình yên", whose members
     * are the police group's board and residents, each with the Zalo account the roster names
     * ({@code zalo-<member id>}), its webhooks sent to {@code webhookUrl}.
     */
    public static Map<String, Object> simConfig(String webhookUrl) {
        List<Map<String, Object>> members = new ArrayList<>();
        members.add(Map.of("userId", "zalo-leader-st", "name", "Hoàng Mạnh Tùng", "admin", true));
        members.add(Map.of("userId", "zalo-cskv-1", "name", "Lê Văn Thành", "admin", true));
        members.add(Map.of("userId", "zalo-qtv-1", "name", "Phạm Văn Đức", "admin", true));
        for (String[] r : RESIDENTS) {
            members.add(Map.of("userId", "zalo-" + r[0], "name", r[1], "admin", false));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("port", 8090);
        config.put("webhookUrl", webhookUrl);
        config.put("groups", List.of(Map.of("zaloGroupId", ZALO_GROUP, "name", "Zalo kết nối bình yên", "platform", "oa",
                "members", members)));
        return config;
    }

    /** The police group bound by its leader to the simulated Zalo group, when the connector runs (once). */
    void bindZalo(String police) {
        if (connector == null || sim == null) {
            return;
        }
        JsonNode groups = call("GET", sim + "/sim/groups", Roles.SYSTEM_ADMIN, "sysadmin-1", null);
        String oaId = null;
        for (JsonNode g : groups) {
            if (ZALO_GROUP.equals(g.path("zaloGroupId").asText())) {
                oaId = g.path("oaId").asText();
            }
        }
        if (oaId == null) {
            throw new Refused("zalo-sim at " + sim + " has no group " + ZALO_GROUP);
        }
        // the connector learns the group and its roster from group-service's events: a few tries until it has
        for (int attempt = 0; ; attempt++) {
            try {
                JsonNode b = call("POST", connector + "/api/v1/bindings", Roles.LEADER, "leader-st", Map.of("groupId",
                        police, "platform", "zalo-oa", "oaId", oaId, "zaloGroupId", ZALO_GROUP));
                say("the police group is bound to the Zalo group \"Zalo kết nối bình yên\" (" + ZALO_GROUP + ", "
                        + b.path("members").size() + " Zalo accounts, mapped to the roster)");
                return;
            } catch (Refused r) {
                if (attempt >= 40 || !r.getMessage().contains("unknown-group")) {
                    throw r;
                }
                try {
                    Thread.sleep(500); // polling the connector until it has the group, not a test's wait
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw r;
                }
            }
        }
    }

    /** How many of the Zalo group's outbox entries the demo has shown. */
    private int outboxShown;

    /** A resident writes in the simulated Zalo group; what the connector posted there since is shown. */
    String viaZalo(Random random) {
        boolean violating = random.nextInt(3) == 0;
        Message m = (violating ? VIOLATING : FINE).get(random.nextInt((violating ? VIOLATING : FINE).size()));
        String[] author = RESIDENTS.get(random.nextInt(RESIDENTS.size()));
        JsonNode sent = call("POST", sim + "/sim/groups/" + ZALO_GROUP + "/messages", Roles.SYSTEM_ADMIN, "sysadmin-1",
                Map.of("userId", "zalo-" + author[0], "text", m.text()));
        say("in Zalo, " + author[1] + ": \"" + m.text() + "\" (" + sent.path("msgId").asText() + ")");
        return sent.path("msgId").asText();
    }

    /** The notices the connector posted in the Zalo group since last shown. */
    void showZaloGroup() {
        JsonNode outbox = call("GET", sim + "/sim/groups/" + ZALO_GROUP + "/outbox", Roles.SYSTEM_ADMIN, "sysadmin-1",
                null);
        for (int i = outboxShown; i < outbox.size(); i++) {
            JsonNode c = outbox.get(i);
            if ("group/message".equals(c.path("call").asText()) && c.path("error").asInt(0) == 0) {
                say("in Zalo, the connector posted: \"" + c.path("body").path("message").path("text").asText() + "\"");
            }
        }
        outboxShown = outbox.size();
    }

    record Message(String text, List<Map<String, Object>> attachments) {
        static Message of(String text) {
            return new Message(text, List.of());
        }
    }

    static final List<Message> FINE = List.of(
            Message.of("Tối nay tổ tuần tra khu phố 3 đi từ 21 giờ, bà con yên tâm nghỉ ngơi."),
            Message.of("Xin hỏi thủ tục đăng ký tạm trú cho sinh viên thuê trọ làm ở đâu ạ?"),
            Message.of("Đề nghị bà con khóa cửa, dắt xe vào nhà trước khi đi ngủ."),
            Message.of("Đèn đường hẻm 12 Lê Lợi bị hỏng mấy hôm nay, nhờ phường kiểm tra giúp."),
            Message.of("Mật khẩu wifi nhà văn hóa khu phố đã đổi, bà con hỏi tổ trưởng nhé."),
            Message.of("Sáng mai có lịch tiêm chủng tại trạm y tế phường từ 7 giờ 30."),
            Message.of("Nhà tôi nuôi ong, ai cần mật ong rừng thật thì để lại số nhé."));
    static final List<Message> VIOLATING = List.of(
            Message.of("Khuyến mãi lớn, giảm giá 50% máy lọc nước, liên hệ mua ngay 0909123456"),
            Message.of("Gửi mọi người tài liệu T.ố.i M.ậ.t về phương án tuần tra dịp Tết"),
            new Message("Cài ứng dụng này để nhận trợ cấp của phường nhé", List.of(Map.of("name",
                    "DichVuCong-HoTro.apk", "mimeType", "application/vnd.android.package-archive", "size", 4_812_300))),
            Message.of("Đăng nhập để nhận tiền hỗ trợ: http://dichvucong-gov.vn.xac-minh.top/login"),
            Message.of("Chuc mung sinh nhat anh Tuan, chuc anh nhieu suc khoe"));

    record Tip(String place, String summary, String howKnown, boolean incomplete) {
    }

    static final List<Tip> TIPS = List.of(
            new Tip("Bãi xe chợ Sông Trí", "Hai đối tượng cắt khóa, trộm xe máy rồi chạy về hướng cầu Sông Trí",
                    "Tôi chứng kiến", false),
            new Tip("Hẻm 45 Trần Phú", "Một nhóm thanh niên tụ tập đánh bạc ăn tiền trong quán nước", "Tôi nhìn thấy",
                    true),
            new Tip("Tổ dân phố 7", "Có người gọi điện giả danh công an yêu cầu chuyển tiền vào tài khoản lạ",
                    "Tôi là người bị gọi", false),
            new Tip("Cổng trường THCS Sông Trí", "Người lạ mời học sinh hút thuốc lá điện tử có mùi lạ",
                    "Con tôi kể lại", true));

    /** What a play did: messages screened and how each was decided, tips, the emergency, published posts. */
    public record Played(Map<String, Integer> decisions, List<String> tips, String emergency, List<String> posts,
            int refused) {
    }

    /**
     * A few minutes of the ward's life, one step every {@code pace} to twice that; what happens is
     * printed as it happens.
     */
    public Played play(Duration length, Duration pace, Random random) throws InterruptedException {
        String police = policeGroup();
        if (police == null) {
            police = seed();
        }
        say("playing " + length.toMinutes() + " minutes of traffic in the police group " + police
                + " (Ctrl-C stops; the dashboard: http://127.0.0.1:8083/dashboard)");
        Instant end = Instant.now().plus(length);
        Queue<String> toClassify = new ArrayDeque<>();
        Queue<String[]> toComplete = new ArrayDeque<>();
        List<String> posts = new ArrayList<>();
        List<String> tips = new ArrayList<>();
        Map<String, Integer> decisions = new LinkedHashMap<>();
        String emergency = null;
        int refused = 0;
        int tick = 0;
        int tipNo = 0;
        String run = Long.toString(System.currentTimeMillis(), 36);
        while (Instant.now().isBefore(end)) {
            tick++;
            try {
                if (sim != null && connector != null && tick % 3 == 1) {
                    showZaloGroup();
                    viaZalo(random);
                } else {
                    decisions.merge(screen(police, run + "-" + tick, random), 1, Integer::sum);
                }
                if (tick % 12 == 3) {
                    Tip tip = TIPS.get(tipNo++ % TIPS.size());
                    String id = tip(police, tip);
                    tips.add(id);
                    if (tip.incomplete()) {
                        toComplete.add(new String[] {id, tip.place(), tip.howKnown()});
                    } else {
                        toClassify.add(id);
                    }
                }
                if (tick % 12 == 8 && !toComplete.isEmpty()) {
                    String[] c = toComplete.poll();
                    complete(c[0], c[1], c[2]);
                    toClassify.add(c[0]);
                }
                if (tick % 12 == 10 && !toClassify.isEmpty()) {
                    classify(toClassify.poll());
                }
                if (tick == 8) {
                    emergency = emergency(police);
                }
                if (tick % 20 == 5) {
                    posts.add(post(police));
                }
            } catch (Refused r) {
                refused++;
                say("refused: " + r.getMessage());
            }
            long millis = pace.toMillis();
            Thread.sleep(random.nextLong(millis, 2 * millis + 1)); // a demo's pace, not a test's wait
        }
        say("done: " + tick + " messages screened " + decisions + ", " + tips.size() + " tips, " + posts.size()
                + " posts published; bin/audit verify checks the whole log");
        return new Played(decisions, tips, emergency, posts, refused);
    }

    String screen(String police, String messageId, Random random) {
        boolean violating = random.nextInt(4) == 0;
        Message m = (violating ? VIOLATING : FINE).get(random.nextInt((violating ? VIOLATING : FINE).size()));
        String[] author = RESIDENTS.get(random.nextInt(RESIDENTS.size()));
        Map<String, Object> body = new LinkedHashMap<>(Map.of("groupId", police, "messageId", messageId, "author",
                Map.of("id", author[0], "displayName", author[1]), "text", m.text(), "postedAt",
                Instant.now().toString()));
        if (!m.attachments().isEmpty()) {
            body.put("attachments", m.attachments());
        }
        JsonNode answer = call("POST", moderation + "/api/v1/screenings", Roles.BOT, "zalo-bot", body);
        StringBuilder line = new StringBuilder(author[1] + ": \"" + m.text() + "\" → "
                + answer.path("decision").asText());
        for (JsonNode v : answer.path("violations")) {
            line.append(" ").append(v.path("category").asText()).append(" (").append(v.path("citation").asText())
                    .append(")");
        }
        if (!"NONE".equals(answer.path("sanction").asText("NONE"))) {
            line.append(", sanction ").append(answer.path("sanction").asText());
        }
        say(line.toString());
        return answer.path("decision").asText();
    }

    String tip(String police, Tip tip) {
        Map<String, Object> details = new LinkedHashMap<>(Map.of("summary", tip.summary()));
        Map<String, Object> body = new LinkedHashMap<>(Map.of("type", "CRIME_TIP", "channel", "zalo", "groupId",
                police, "details", details));
        if (!tip.incomplete()) {
            details.putAll(Map.of("incidentAt", Instant.now().minus(Duration.ofMinutes(40)).toString(), "place",
                    tip.place(), "howKnown", tip.howKnown()));
            body.put("reporter", Map.of("name", "Nguyễn Văn Hải", "address", "27 Lê Lợi, Sông Trí", "phone",
                    "0978123456"));
        }
        JsonNode answer = call("POST", report + "/api/v1/reports", Roles.BOT, "zalo-bot", body);
        String id = answer.path("reportId").asText();
        say("crime tip " + id + (tip.incomplete() ? " (incomplete; the bot asks: \"" + answer.path("reply").asText()
                + "\")" : " received; the 24-hour clock runs"));
        return id;
    }

    void complete(String id, String place, String howKnown) {
        call("POST", report + "/api/v1/reports/" + id + "/completion", Roles.BOT, "zalo-bot", Map.of("reporter",
                Map.of("name", "Lê Thị Thu", "address", "8 Trần Phú, Sông Trí", "phone", "0903456789"), "details",
                Map.of("incidentAt", Instant.now().minus(Duration.ofHours(1)).toString(), "place", place, "howKnown",
                        howKnown)));
        say("crime tip " + id + " completed by the citizen");
    }

    void classify(String id) {
        call("POST", report + "/api/v1/reports/" + id + "/classification", Roles.DUTY_OFFICER, "duty-1", Map.of(
                "category", "Xâm phạm sở hữu", "securityRelated", false, "withinJurisdiction", true));
        say("crime tip " + id + " classified by duty-1");
    }

    String emergency(String police) {
        JsonNode answer = call("POST", report + "/api/v1/reports", Roles.BOT, "zalo-bot", Map.of("type", "EMERGENCY",
                "channel", "zalo", "groupId", police, "details", Map.of("place", "Tiệm vàng Kim Thành, chợ Sông Trí",
                        "summary", "Có người cầm dao đang cướp tiệm vàng")));
        say("EMERGENCY " + answer.path("reportId").asText() + ": the commander is paged now and every 5 minutes until"
                + " acknowledged (commander-1 on the dashboard)");
        return answer.path("reportId").asText();
    }

    String post(String police) {
        JsonNode draft = call("POST", moderation + "/api/v1/groups/" + police + "/posts", Roles.MEMBER, "dan-3",
                Map.of("text", "Thông báo: Công an phường tổ chức tuyên truyền phòng chống lừa đảo qua mạng vào 8 giờ"
                        + " sáng Chủ nhật tại nhà văn hóa khu phố 3.", "sourceKind", "b", "source", "Công an phường Sông Trí"));
        String id = draft.path("postId").asText();
        for (String step : List.of("verification", "approval", "publication")) {
            call("POST", moderation + "/api/v1/posts/" + id + "/" + step, Roles.LEADER, "leader-st", null);
        }
        say("post " + id + " submitted, verified, approved and published by the board (police-song-tri:13.2)");
        return id;
    }
}
