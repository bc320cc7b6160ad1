/*
 * report_html_method.c - the #method section of report.html, "How this list was
 * made": what was compared with what, which sources and export columns were read
 * (and which pseudonymised), the weights and listing rule in force, retention and
 * human review.
 *
 * Why here and short: the coordinator who opens tonight's page must be able to say
 * in the meeting how a line got there without opening the processing register. It
 * is the register's own account (report/register.h: the same texts and the same
 * column tables as `vik register`), cut to what tonight's lists rest on. It holds
 * no link: the page loads nothing and names no URL.
 */
#include "report/html.h"
#include "report/register.h"
#include "report/report_html_int.h"

#include <stdlib.h>

/* A register text, escaped, as one paragraph; when out of memory, a paragraph that
 * says the text is missing (a method section must not lose a paragraph unseen). */
static void text_paragraph(FILE *f, enum register_text t, const struct register_in *reg)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *m = open_memstream(&buf, &size);
    int ok = m != NULL;
    if (m) {
        register_text(m, t, reg);
        ok = !ferror(m);
        ok &= fclose(m) == 0;
    }
    fputs("<p class=\"note\">", f);
    if (ok)
        html_escape(f, buf, size);
    else
        fputs("(this text is left out: there was no memory for it)", f);
    fputs("</p>\n", f);
    free(buf);
}

static void theme_rows(FILE *f, const struct register_in *reg)
{
    uint32_t force = register_in_force(reg);
    fputs("<table><thead><tr><th>theme</th><th>indicators compared (weight)</th>"
          "<th>listed when</th></tr></thead><tbody>\n",
          f);
    for (int t = 0; t < THEME_COUNT; t++) {
        fputs("<tr>", f);
        html_cell(f, "td", NULL, catalogue_theme(t)->name);
        fputs("<td>", f);
        const char *sep = "";
        for (int i = 0; i < IND_COUNT; i++) {
            if (!(reg->themes[t].indicators & force & 1u << i))
                continue;
            fputs(sep, f);
            html_text(f, indicator_desc(i)->code, "");
            fputc(' ', f);
            html_text(f, indicator_desc(i)->name, "");
            fprintf(f, " (%g)", reg->ind[i].weight);
            sep = ", ";
        }
        fputs(*sep ? "</td><td>" : "none in force</td><td>", f);
        register_rule(f, reg, t); /* numbers and fixed words: nothing to escape */
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

static void source_rows(FILE *f, const struct register_in *reg)
{
    fputs("<table><thead><tr><th>source</th><th>export columns read "
          "(<b>pseudonymised or dropped</b> as they are read)</th></tr></thead><tbody>\n",
          f);
    for (int s = 0; s < SRC_COUNT; s++) {
        if (!reg->sources[s].present)
            continue;
        fputs("<tr>", f);
        html_cell(f, "td", NULL, schema_source(s)->label);
        fputs("<td>", f);
        const char *sep = "";
        for (int fl = 0; fl < F_COUNT; fl++) {
            const char *col = register_column(reg, s, fl);
            if (!col)
                continue;
            int pseudo = register_id_handling(fl) != NULL;
            fputs(sep, f);
            fputs(pseudo ? "<b>" : "", f);
            html_text(f, col, "");
            fputs(pseudo ? "</b>" : "", f);
            sep = ", ";
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n<p class=\"muted\">Every other column of the exports is never "
          "read. Never mappable: ",
          f);
    html_text(f, schema_protected_summary(), "");
    fputs(".</p>\n", f);
}

void report_html_method(FILE *f, const struct report_html_in *in)
{
    const struct register_in *reg = in->reg;
    html_section_open(f, "method", NULL, "How this list was made");
    if (!reg) {
        fputs("<p class=\"muted\">Not available for this page.</p>\n", f);
        html_section_close(f);
        return;
    }
    fputs("<p class=\"note\">Tonight's exports were joined on address. For each theme, every "
          "address was compared with comparable addresses of the same night on the indicators "
          "below; an indicator counts when its value is rare among them, with weight x "
          "strength. The full account of this installation is <code>vik register</code>.</p>\n",
          f);
    theme_rows(f, reg);
    source_rows(f, reg);
    text_paragraph(f, REG_RETENTION, reg);
    text_paragraph(f, REG_HUMAN_REVIEW, reg);
    html_section_close(f);
}
