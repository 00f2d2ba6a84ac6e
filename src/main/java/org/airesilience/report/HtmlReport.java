package org.airesilience.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One self-contained HTML page: every image inline as a data URI, the stylesheet inline, no script or font fetched
 * from anywhere. Chinese text uses the reader's installed CJK fonts (Noto Sans CJK, Source Han, WenQuanYi, Droid
 * Sans Fallback, PingFang, Microsoft YaHei, SimSun). On load, a small inline script marks the body with the number of
 * images that failed to decode ({@code data-broken-images}), so a headless browser can check the page.
 */
public final class HtmlReport {
    private final String title;
    private final List<String> toc = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();

    public HtmlReport(String title) {
        this.title = title;
    }

    /** A section with its own heading; {@code html} is trusted markup built by the caller. */
    public HtmlReport section(String id, String heading, String html) {
        toc.add("<li><a href=\"#" + escape(id) + "\">" + escape(heading) + "</a></li>");
        body.append("<section id=\"").append(escape(id)).append("\">\n<h2>").append(escape(heading)).append("</h2>\n")
                .append(html).append("</section>\n");
        return this;
    }

    /** A figure from PNG bytes, inline. */
    public static String figure(String id, String caption, byte[] png) {
        return "<figure id=\"" + escape(id) + "\"><img alt=\"" + escape(caption) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\"><figcaption>" + escape(caption) + "</figcaption></figure>\n";
    }

    public static String pre(String text) {
        return "<pre>" + escape(text) + "</pre>\n";
    }

    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    public byte[] render() {
        String css = """
                body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","WenQuanYi Zen Hei",\
                "Droid Sans Fallback","PingFang SC","Microsoft YaHei","SimSun",sans-serif;margin:2em auto;max-width:1100px;\
                color:#111;line-height:1.5}
                table.result{border-collapse:collapse;margin:1em 0;font-size:14px}
                table.result caption{font-weight:bold;padding:.4em}
                table.result thead tr:first-child th{border-top:2px solid #000}
                table.result thead tr:last-child th{border-bottom:1px solid #000}
                table.result tbody tr:last-child td{border-bottom:2px solid #000}
                table.result tr.rule td{border-top:1px solid #888}
                table.result th,table.result td{padding:.15em .8em;text-align:center;white-space:nowrap}
                table.result .stub{text-align:left}
                table.plain{border-collapse:collapse;font-size:13px}table.plain td,table.plain th{border:1px solid #ccc;padding:.1em .5em}
                p.note{font-size:12px;color:#333;margin:.2em 0}
                figure{margin:1em 0}figure img{max-width:100%;border:1px solid #eee}figcaption{font-size:13px}
                pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:12px;max-height:40em}
                """;
        String script = "window.addEventListener('load',function(){var n=0;for(var i of document.images){"
                + "if(!i.complete||i.naturalWidth===0)n++;}document.body.setAttribute('data-broken-images',String(n));"
                + "document.body.setAttribute('data-images',String(document.images.length));});";
        String html = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + css + "</style>\n<script>" + script + "</script>\n</head>\n<body>\n<h1>"
                + escape(title) + "</h1>\n<nav><ul>\n" + String.join("\n", toc) + "\n</ul></nav>\n" + body
                + "</body>\n</html>\n";
        return html.getBytes(StandardCharsets.UTF_8);
    }
}
