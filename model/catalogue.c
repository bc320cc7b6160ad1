/*
 * catalogue.c - the theme table; see catalogue.h.
 *
 * The listing rule these defaults feed (score/score.h, docs/scoring.md): an
 * address is listed for a theme when two or more of its indicators fired and
 * their contributions (weight x strength) reach min_score, or when one indicator
 * that may list alone fired with at least alone_strength. Strength is the town
 * surprise / 4 (score/calib.h): 0.5 at 1 in 100 addresses of the run, 1 at 1 in
 * 10,000. alone_strength 0.875 is a fully graded reading that fewer than 1 in
 * about 3,200 addresses of the run show. min_score 1.25 asks two corroborating
 * signals of weight 1 to be, together, about that strong: two readings that 1 in
 * 300 addresses show each. Both were chosen on the geldrop world only and then
 * held fixed on the others (README, "Four worlds"). hennep lists a little more
 * readily (1.2, and 0.8: 1 in about 1,600 addresses) since dwellings with a
 * company at home have their own peers (score/peer.h): on geldrop an
 * alone_strength of 0.8 was at least as good as 0.875 at every min_score tried.
 * min_score 1.2 ties geldrop's best mean (0.87, with 1.1 and 1.15, whose lowest
 * seed is better; it was 0.02 under 1.1 when chosen): 1.1 let workshops onto a
 * groeikern list - a choice that looked at another world, as docs/scoring.md says.
 * witwassen's
 * alone_strength is 0.9 (1 in about 4,000) since K2 ranks cash sales below the
 * market among themselves: on geldrop 0.9 and 0.925 were the best (0.85 against
 * 0.84 at 0.875, min_score 1.25 or 1.35), and 0.9 is the smaller step.
 */
#include "model/catalogue.h"

#include <string.h>

static const struct theme_def THEMES[THEME_COUNT] = {
    [THEME_HENNEP] = {"hennep", "cannabis cultivation: energy use the dwelling does not explain",
                      1.2, 1, 0.8},
    [THEME_WITWASSEN] = {"witwassen", "unusual wealth and real-estate fraud", 1.25, 1, 0.9},
    [THEME_BRIEVENBUS] = {"brievenbus", "postbox companies and a malafide business climate", 1.25,
                          1, 0.875},
    [THEME_OVERBEWONING] = {"overbewoning", "overcrowding and address fraud", 1.25, 1, 0.875},
};

const struct theme_def *catalogue_theme(enum theme_id id)
{
    return &THEMES[id];
}

int catalogue_theme_by_name(const char *name)
{
    for (int i = 0; i < THEME_COUNT; i++)
        if (strcmp(THEMES[i].name, name) == 0)
            return i;
    return -1;
}
