/*
 * rows_csv.c - see rows_csv.h.
 */
#include "report/rows_csv.h"

#include "common/csvout.h"

void report_quarantine_header(FILE *f)
{
    fputs("file;line;column;reason;message;raw\n", f);
}

void report_quarantine_row(void *ctx, const struct ingest_refused *row)
{
    FILE *f = ctx;
    fprintf(f, "%s;%ld;", row->file, row->line);
    csvout_field(f, row->column, ';');
    csvout_field(f, row->code, ';');
    csvout_field(f, row->text, ';');
    csvout_field(f, row->raw, 0);
    fputc('\n', f);
}

void report_unlinked_header(FILE *f)
{
    fputs("file;line;class;reason;postcode;house_number;house_letter;house_suffix;read_as;"
          "candidates\n",
          f);
}

void report_unlinked_row(void *ctx, const struct linkage_unlinked *row)
{
    FILE *f = ctx;
    char line[24];
    snprintf(line, sizeof line, "%ld", row->line);
    csvout_field(f, row->file, ';');
    csvout_field(f, line, ';');
    csvout_field(f, row->cls, ';');
    csvout_field(f, row->reason, ';');
    for (int i = 0; i < 4; i++)
        csvout_field(f, row->written[i], ';');
    csvout_field(f, row->read_as, ';');
    csvout_field(f, row->candidates, 0);
    fputc('\n', f);
}
