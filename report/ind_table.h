/*
 * ind_table.h - the indicator table, as `vik indicators --markdown`, the README and
 * the processing register print it.
 *
 * Why: the README's table, the analyst's overview and the register must say what
 * the descriptors (score/indicator.h) say, in one wording. This module renders a
 * descriptor and its settings in force; it holds no text of its own about any
 * indicator.
 */
#ifndef VIK_REPORT_IND_TABLE_H
#define VIK_REPORT_IND_TABLE_H

#include "model/catalogue.h"
#include "score/indicator.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * The themes indicator i feeds, comma-separated: by themes[] in force, or by its
 * descriptor's default membership when themes is NULL.
 */
void ind_table_themes(enum ind_id i, const struct theme_cfg *themes, char *buf, size_t size);

/* "name value, ..." for the numeric parameters in force, then "name (list)" per list. */
void ind_table_params(const struct ind_desc *d, const struct indicator_cfg *c, char *buf,
                      size_t size);

/*
 * The Markdown table (header and one row per indicator whose bit is set in which):
 * name, id, themes, axis and grade, rarity, alone, weight, parameters, look-alikes.
 */
void ind_table_markdown(FILE *f, const struct indicator_cfg *ind, const struct theme_cfg *themes,
                        uint32_t which);

#endif
