# bin/stack demo — seeds a running stack with a small, realistic story and prints who can log in:
# the police group's story, and a group of each other regulation (the council's twelve once).
# Sourced by bin/stack (needs JAVA, tools_cp, say, die).

demo_token() { "$JAVA" -cp "$(tools_cp)" vn.binhyen.testsupport.Tokens "$1" --subject "$2"; }

# demo_call METHOD URL TOKEN [JSON] — prints the body; fails loudly on an unexpected status
demo_call() {
  local method=$1 url=$2 token=$3 body=${4:-}
  local out status
  out=$(mktemp)
  if [ -n "$body" ]; then
    status=$(curl -s -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' --data "$body" "$url")
  else
    status=$(curl -s -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token" "$url")
  fi
  case "$status" in
    2??|422) cat "$out"; rm -f "$out" ;;
    *) cat "$out" >&2; rm -f "$out"; die "$method $url answered $status" ;;
  esac
}

json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" | head -1; }

cmd_demo() {
  command -v curl >/dev/null || die "curl is needed"
  curl -sf http://127.0.0.1:8081/q/health/ready >/dev/null || die "start the stack first (bin/stack), then bin/stack demo"
  local admin leader bot duty commander
  admin=$(demo_token SYSTEM_ADMIN sysadmin-1)
  leader=$(demo_token LEADER leader-st)
  bot=$(demo_token BOT zalo-bot)
  duty=$(demo_token DUTY_OFFICER duty-1)
  commander=$(demo_token COMMANDER commander-1)

  say "the police group of Sông Trí ward (police-song-tri), led by Hoàng Mạnh Tùng"
  local group
  group=$(demo_call POST http://127.0.0.1:8081/api/v1/groups "$admin" '{"name":"Zalo kết nối bình yên",
    "purpose":"Kết nối Công an phường với Nhân dân; tiếp nhận phản ánh, tố giác tội phạm","profile":"police-song-tri",
    "kind":"POLICE","unit":"Công an phường Sông Trí","responsibility":"Phó Trưởng Công an phường phụ trách",
    "leader":{"memberId":"leader-st","fullName":"Hoàng Mạnh Tùng","zaloId":"zalo-leader-st","phone":"0912000001"}}' \
    | json_field groupId)
  [ -n "$group" ] || die "the group was not established"
  demo_call POST "http://127.0.0.1:8081/api/v1/groups/$group/membership-proposals" "$leader" \
    '{"change":"ADD","member":{"memberId":"cskv-1","fullName":"Lê Văn Thành","zaloId":"zalo-cskv-1","phone":"0912000002"},"role":"DEPUTY"}' >/dev/null
  demo_call POST "http://127.0.0.1:8081/api/v1/groups/$group/membership-proposals" "$leader" \
    '{"change":"ADD","member":{"memberId":"dan-1","fullName":"Nguyễn Thị Lan","zaloId":"zalo-dan-1","phone":"0912000003"}}' >/dev/null
  demo_call POST "http://127.0.0.1:8081/api/v1/groups/$group/directives" "$leader" \
    '{"text":"Đề nghị bà con cảnh giác với thủ đoạn giả danh công an gọi điện yêu cầu chuyển tiền."}' >/dev/null

  say "messages screened for the group's bot"
  demo_call POST http://127.0.0.1:8082/api/v1/screenings "$bot" "{\"groupId\":\"$group\",\"messageId\":\"demo-1\",
    \"author\":{\"id\":\"dan-1\",\"displayName\":\"Nguyễn Thị Lan\"},\"text\":\"Cảm ơn Công an phường đã hỗ trợ bà con.\"}" >/dev/null
  demo_call POST http://127.0.0.1:8082/api/v1/screenings "$bot" "{\"groupId\":\"$group\",\"messageId\":\"demo-2\",
    \"author\":{\"id\":\"dan-1\",\"displayName\":\"Nguyễn Thị Lan\"},\"text\":\"Gửi mọi người tài liệu T.ố.i M.ậ.t về phương án tuần tra\"}" >/dev/null

  say "the other four regulations: the provincial council's twelve groups, a neighbourhood, a province's and an IOC's groups"
  local names=("Nguyễn Văn Lộc" "Trần Thị Thu Hà" "Lê Minh Quang" "Phạm Thị Hồng" "Võ Văn Tâm" "Đặng Thị Mai"
    "Bùi Quốc Khánh" "Huỳnh Thị Ngọc" "Ngô Văn Sơn" "Dương Thị Yến" "Lý Văn Phúc" "Trịnh Thị Lan Anh")
  local keys=(delegates standing committee-economy committee-culture committee-legal delegation-thu-dau-mot
    delegation-thuan-an delegation-di-an delegation-ben-cat delegation-tan-uyen delegation-dau-tieng-bau-bang
    delegation-phu-giao-bac-tan-uyen)
  local leaders="" i
  for i in "${!keys[@]}"; do
    leaders+="${leaders:+,}\"${keys[$i]}\":{\"memberId\":\"hdnd-$((i + 1))\",\"fullName\":\"${names[$i]}\",\"zaloId\":\"zalo-hdnd-$((i + 1))\",\"phone\":\"09130000$(printf %02d $((i + 1)))\"}"
  done
  if demo_call GET "http://127.0.0.1:8081/api/v1/groups?profile=council-binh-duong&size=1" "$admin" | grep -q '"total":0'; then
    demo_call POST http://127.0.0.1:8081/api/v1/groups/templates/council-term-x "$admin" \
      "{\"profile\":\"council-binh-duong\",\"unit\":\"HĐND tỉnh Bình Dương\",\"responsibility\":\"Văn phòng HĐND tỉnh quản lý, vận hành\",\"leaders\":{$leaders}}" >/dev/null
  else
    say "(the council's twelve groups were seeded before)"
  fi
  demo_call POST http://127.0.0.1:8081/api/v1/groups "$admin" '{"name":"Khu phố 3 - phường Bình Phước",
    "purpose":"Trao đổi thông tin, công việc của khu phố","profile":"ward-binh-phuoc","kind":"NEIGHBOURHOOD",
    "unit":"UBND phường Bình Phước","responsibility":"Trưởng khu phố quản lý, vận hành",
    "leader":{"memberId":"kp3-truong","fullName":"Trần Văn Hùng","zaloId":"zalo-kp3-truong","phone":"0914000001"}}' >/dev/null
  demo_call POST http://127.0.0.1:8081/api/v1/groups "$admin" '{"name":"UBND tỉnh Lai Châu - Điều hành",
    "purpose":"Chỉ đạo, điều hành công việc của UBND tỉnh","profile":"province-lai-chau","kind":"PROVINCE",
    "unit":"Văn phòng UBND tỉnh Lai Châu","responsibility":"Chánh Văn phòng UBND tỉnh quản lý",
    "leader":{"memberId":"lc-chanh-vp","fullName":"Lò Văn Minh - Chánh Văn phòng UBND tỉnh","zaloId":"zalo-lc-chanh-vp","phone":"0915000001"}}' >/dev/null
  demo_call POST http://127.0.0.1:8081/api/v1/groups "$admin" '{"name":"IOC Đắk Lắk - Vận hành",
    "purpose":"Phối hợp vận hành Trung tâm điều hành thông minh","profile":"ioc-dak-lak","kind":"OPERATIONS",
    "unit":"Trung tâm IOC tỉnh Đắk Lắk","responsibility":"Giám đốc Trung tâm IOC quản lý",
    "leader":{"memberId":"ioc-giam-doc","fullName":"Y Bhim Niê","zaloId":"zalo-ioc-giam-doc","phone":"0916000001"}}' >/dev/null

  say "dashboard logins for the duty officer, the PCTP officer and the commander"
  demo_call PUT http://127.0.0.1:8083/api/v1/dashboard/users/duty-1 "$admin" \
    '{"displayName":"Thượng úy Lê Văn Trực","roles":["DUTY_OFFICER"],"password":"truc-ban-demo-2026"}' >/dev/null
  demo_call PUT http://127.0.0.1:8083/api/v1/dashboard/users/pctp-1 "$admin" \
    '{"displayName":"Đại úy Phạm Quốc Hùng","roles":["PCTP_OFFICER"],"password":"hinh-su-demo-2026"}' >/dev/null
  demo_call PUT http://127.0.0.1:8083/api/v1/dashboard/users/commander-1 "$admin" \
    '{"displayName":"Trung tá Nguyễn Đức Chỉ","roles":["COMMANDER"],"password":"chi-huy-demo-2026"}' >/dev/null

  say "a crime tip and an emergency from citizens"
  demo_call PUT "http://127.0.0.1:8083/api/v1/duty-roster/$(TZ=Asia/Ho_Chi_Minh date +%F)" "$commander" '{"officers":["duty-1"]}' >/dev/null
  demo_call POST http://127.0.0.1:8083/api/v1/reports "$bot" "{\"type\":\"CRIME_TIP\",\"channel\":\"zalo\",\"groupId\":\"$group\",
    \"reporter\":{\"name\":\"Trần Văn Bình\",\"address\":\"12 Lê Lợi, Sông Trí\",\"phone\":\"0912345678\"},
    \"details\":{\"incidentAt\":\"$(date -u -d '-2 hours' +%FT%TZ)\",\"place\":\"Chợ Sông Trí\",
    \"summary\":\"Hai đối tượng trộm xe máy rồi bỏ chạy về hướng cầu\",\"howKnown\":\"Tôi chứng kiến\"}}" >/dev/null
  demo_call POST http://127.0.0.1:8083/api/v1/reports "$bot" "{\"type\":\"EMERGENCY\",\"channel\":\"zalo\",\"groupId\":\"$group\",
    \"details\":{\"place\":\"Tiệm vàng Kim Thành\",\"summary\":\"Có người đang cướp tiệm vàng\"}}" >/dev/null

  cat <<TXT

  Demo data is in. The duty officers' dashboard: http://127.0.0.1:8083/dashboard
    duty officer   duty-1 / truc-ban-demo-2026
    PCTP officer   pctp-1 / hinh-su-demo-2026
    commander      commander-1 / chi-huy-demo-2026   (acknowledges the emergency)
  The APIs take a token (12 hours):
    leader of the police group   TOKEN=\$(bin/stack token LEADER --subject leader-st)
    leader of a council group    TOKEN=\$(bin/stack token LEADER --subject hdnd-1)
    leader of the neighbourhood  TOKEN=\$(bin/stack token LEADER --subject kp3-truong)
    duty officer on today's roster  TOKEN=\$(bin/stack token DUTY_OFFICER --subject duty-1)
    commander                    TOKEN=\$(bin/stack token COMMANDER --subject commander-1)
    auditor                      TOKEN=\$(bin/stack token AUDITOR --subject auditor-1)
  Try:
    curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:8081/api/v1/groups/$group
    curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:8083/api/v1/reports          (the duty officers' queue)
    curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:8084/api/v1/notifications    (who was told what)
    bin/audit verify                                                                  (the whole log, checked)

TXT
}
