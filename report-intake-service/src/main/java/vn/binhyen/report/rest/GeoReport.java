package vn.binhyen.report.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import vn.binhyen.report.domain.IntakeRules;
import vn.binhyen.report.domain.ReportRules;

/**
 * Open311 GeoReport v2's documents: the service list and definitions of this unit's report types,
 * discovery, errors, and each written as the client asked, JSON or XML (the specification requires
 * XML; the element names are the fields', a list's items its name without the final "s").
 */
final class GeoReport {
    /** When the service list or a definition last changed: discovery's changeset, for clients' caches. */
    static final String CHANGESET = "2026-12-02T00:00:00Z";
    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    static final MediaType XML = new MediaType("text", "xml", "utf-8");
    static final MediaType JSON = new MediaType("application", "json", "utf-8");

    private GeoReport() {
    }

    record Service(String service_code, String service_name, String description, boolean metadata, String type,
            String keywords, String group) {
    }

    record Value(String key, String name) {
    }

    /** A service attribute; {@code code} is what a request sends as {@code attribute[code]}. */
    record Attribute(boolean variable, String code, String datatype, boolean required, String datatype_description,
            int order, String description, List<Value> values) {
    }

    record Definition(String service_code, List<Attribute> attributes) {
    }

    record Endpoint(String specification, String url, String changeset, String type, List<String> formats) {
    }

    record Discovery(String changeset, String contact, String key_service, List<Endpoint> endpoints) {
    }

    record Error(int code, String description) {
    }

    /** One service: its entry in the list, the report type it files, whether a location is required. */
    record Offered(Service service, IntakeRules.Type type, boolean locationRequired, List<Attribute> attributes) {
    }

    private static Attribute text(int order, String code, String description, String datatypeDescription) {
        return new Attribute(true, code, "text", false, datatypeDescription, order, description, List.of());
    }

    /** A crime tip's items of police-song-tri:14.3 beyond the description and the place. */
    static final List<Attribute> TIP_ATTRIBUTES = List.of(
            new Attribute(true, "incident_at", "datetime", false, "ISO 8601 có múi giờ, không ở tương lai ("
                    + ReportRules.cite("tip-when-where") + ")", 1, "Thời gian xảy ra vụ việc", List.of()),
            text(2, "how_known", "Vì sao anh/chị biết được sự việc", ReportRules.cite("tip-how-known")),
            text(3, "suspect", "Đối tượng (nếu biết)", ReportRules.cite("tip-details")),
            text(4, "victim", "Bị hại (nếu có)", ReportRules.cite("tip-details")),
            text(5, "witnesses", "Người làm chứng (nếu có)", ReportRules.cite("tip-details")),
            text(6, "escape_direction", "Hướng tẩu thoát của đối tượng", ReportRules.cite("tip-details")),
            text(7, "means", "Phương tiện, công cụ đối tượng sử dụng", ReportRules.cite("tip-details")),
            text(8, "damage", "Thiệt hại", ReportRules.cite("tip-details")),
            text(9, "actions_taken", "Những việc đã làm", ReportRules.cite("tip-details")),
            text(10, "reporter_address", "Địa chỉ liên hệ của người báo tin", ReportRules.cite("tip-reporter")),
            text(11, "refusal_reason", "Lý do người báo tin không cung cấp thông tin cá nhân (nếu từ chối)",
                    ReportRules.cite("tip-reporter")));

    static final List<Attribute> FEEDBACK_ATTRIBUTES = List.of(
            text(1, "reporter_address", "Địa chỉ liên hệ của người phản ánh", ReportRules.cite("feedback-reporter")));

    static final Map<String, Offered> SERVICES = Map.of(
            "feedback", new Offered(new Service("feedback", "Phản ánh, kiến nghị", "Phản ánh, kiến nghị của người "
                    + "dân (" + ReportRules.cite("content") + "). Địa điểm không bắt buộc.", true, "batch",
                    "phản ánh,kiến nghị", "Công an phường"), IntakeRules.Type.FEEDBACK, false, FEEDBACK_ATTRIBUTES),
            "crime-tip", new Offered(new Service("crime-tip", "Tố giác, tin báo về tội phạm", "Xử lý trong 24 giờ "
                    + "kể từ khi tiếp nhận (" + ReportRules.cite("tips") + "). Bắt buộc có địa điểm (address_string "
                    + "hoặc lat/long, " + ReportRules.cite("tip-when-where") + ").", true, "batch",
                    "tố giác,tin báo,tội phạm", "Công an phường"), IntakeRules.Type.CRIME_TIP, true, TIP_ATTRIBUTES),
            "emergency", new Offered(new Service("emergency", "Tin báo khẩn cấp", "Báo ngay chỉ huy ("
                    + ReportRules.cite("emergency") + "). Nhận cả khi chưa có địa điểm; nguy hiểm đến tính mạng "
                    + "xin gọi 113.", false, "realtime", "khẩn cấp", "Công an phường"), IntakeRules.Type.EMERGENCY,
                    false, List.of()));

    static List<Service> services() {
        return SERVICES.values().stream().map(Offered::service)
                .sorted(java.util.Comparator.comparing(Service::service_code)).toList();
    }

    static String codeOf(IntakeRules.Type type) {
        return SERVICES.values().stream().filter(o -> o.type() == type).findFirst().orElseThrow().service()
                .service_code();
    }

    /** {@code body} as the client asked: JSON, or XML under {@code root} (a list's items named {@code item}). */
    static Response answer(int status, String format, String root, String item, Object body) {
        return "xml".equals(format) ? Response.status(status).type(XML).entity(xml(root, item, body)).build()
                : Response.status(status).type(JSON).entity(body).build();
    }

    /** GeoReport's error answer: a list of {code, description}, each description naming the field. */
    static Response error(int status, String format, String description) {
        return answer(status, format, "errors", "error", List.of(new Error(status, description)));
    }

    static String xml(String root, String item, Object body) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            if (body instanceof List<?> list) {
                w.writeStartElement(root);
                for (Object o : list) {
                    element(w, item, o);
                }
                w.writeEndElement();
            } else {
                element(w, root, body);
            }
            w.writeEndDocument();
            w.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A client's text may hold characters XML 1.0 cannot carry (controls, lone surrogates): each
     * becomes U+FFFD, so the document stays well-formed whatever was filed.
     */
    static String xmlSafe(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean ok = ch == 0x9 || ch == 0xA || ch == 0xD || (ch >= 0x20 && ch <= 0xD7FF)
                    || (ch >= 0xE000 && ch <= 0xFFFD);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (out != null) {
                    out.append(ch).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(ok ? ch : '\uFFFD');
            }
        }
        return out == null ? s : out.toString();
    }

    private static void element(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        w.writeStartElement(name);
        if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (v instanceof List<?> list) {
                    w.writeStartElement(c.getName());
                    String itemName = c.getName().substring(0, c.getName().length() - 1);
                    for (Object o : list) {
                        element(w, itemName, o);
                    }
                    w.writeEndElement();
                } else {
                    element(w, c.getName(), v);
                }
            }
        } else {
            w.writeCharacters(xmlSafe(String.valueOf(value)));
        }
        w.writeEndElement();
    }
}
