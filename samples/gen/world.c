/*
 * world.c: the worlds vik-gen can generate, one row each, and --world lookup.
 *
 * Why: vik's defaults were tuned on the one municipality this generator used
 * to imagine. A world is another plausible Dutch municipality that differs in
 * exactly the things the indicators are sensitive to: dwelling mix and floor
 * areas, household sizes and ages, landlords, heat pumps, cars and panels,
 * smart meters, firms at home and units without a firm, cash purchases,
 * resale intervals, false tips. No world is tuned to (or against) any scorer:
 * every value below comes from a published figure or from reasoning about
 * such a municipality, and is commented with it. All worlds plant the same
 * patterns (scaled as always); only the background differs.
 *
 * geldrop is the default and the world of the earlier generator, with
 * household electricity anchored to the grid operator's open data.
 */
#include "gen.h"

/*
 * The worlds. Every row sets every field (no defaults), so a reader sees the
 * whole world in one place. Figures in brackets are the sources; "reasoning"
 * marks a value derived from a described situation rather than a statistic.
 * Fields that differ from geldrop are what a world is about (samples/README.md
 * has them side by side).
 */
static const struct world WORLDS[] = {
    {
        .name = "geldrop",
        .desc = "Brabant town like Geldrop-Mierlo (default): terraced rows, 30% flats, "
                "electricity anchored to the grid operator's open data",
        /* geography: the earlier generator's town */
        .apt_share = 0.30,   /* ~30% of Geldrop-Mierlo's dwellings are flats (CBS) */
        .row_share = 0.67,   /* of houses: post-war terraced rows dominate */
        .semi_share = 0.18,  /* 2-onder-1-kap; detached the remaining 15% (Mierlo) */
        .farms17k = 0,       /* the rural edge is left out of this town */
        .barns_per_farm = 0, /* no farms */
        .shops17k = 400,     /* two centres and neighbourhood shops */
        .offices17k = 250,   /* offices and practices */
        .bcs17k = 4,         /* bedrijfsverzamelgebouwen */
        .ind17k = 180,       /* two small industrial estates */
        .garages17k = 450,   /* garage boxes behind rows and flats */
        .care17k = 12,       /* care homes (verzorgingshuizen) */
        .hotels17k = 4,      /* a few hotels */
        .era_w = {0.10, 0.12, 0.25, 0.23, 0.195, 0.06, 0.045}, /* growth 1965-2009 */
        .house_area_f = 1.0,   /* terraced ~108 m2, corner ~116, semi ~138 */
        .det_area_mean = 245,  /* Mierlo's villas: larger detached houses (an anchor lever) */
        .det_area_sd = 65,     /* villas from ~140 to ~440 m2 */
        .apt_area_mean = 70,   /* a flat outside the big cities: ~70 m2 */
        .apt_area_sd = 14,     /* ~40-100 m2 */
        .p_corp_row = 0.25,    /* ~28% of dwellings end up with a corporation */
        .p_corp_block = 0.5,   /* half of the blocks */
        .p_owner_house = 0.85, /* rows, semis, detached: owner-occupied, the rest rented */
        .p_owner_flat = 0.6,   /* owner-occupied flats (VvE), the rest private rent */
        .woz_m2 = 3400,        /* WOZ ~EUR 3,400/m2 */
        /* households: CBS sizes 35/33/12/13/4/2.4%, split by dwelling */
        .hh_apt = {0.55, 0.33, 0.065, 0.04, 0.01, 0.005}, /* mostly singles and couples in flats */
        .hh_house = {0.27, 0.33, 0.15, 0.165, 0.055, 0.03}, /* families in houses */
        .p_vacant = 0.028,                                  /* leegstand ~3% (CBS) */
        .p_recent = 0.07,                   /* ~7% of households moved in during the last year */
        .stay_mean = 8.5,                   /* years; a mean stay of ~7 years in all */
        .single_apt = {0.30, 0.30, 0.40},   /* elderly singles more often in flats */
        .single_house = {0.15, 0.55, 0.30}, /* of singles aged 20-35 / 35-65 / 65+ */
        .p_old_couple_apt = 0.4,            /* couples aged 65+ */
        .p_old_couple_house = 0.3,          /* couples aged 65+ */
        .head_lo = 27,                      /* parents aged 27-55 */
        .head_hi = 55,                      /* parents aged 27-55 */
        .p_students = 0, /* no university: student houses only as planted look-alikes */
        /* landlords: 66% own one dwelling, ~0.3% own 6-15 */
        .ll_w = {0.66, 0.20, 0.09, 0.03, 0.017,
                 0.003}, /* landlords owning 1, 2, 3, 4, 5, 6+ dwellings */
        .ll_big_lo = 6,  /* portfolio of the biggest landlords */
        .ll_big_hi = 15, /* dwellings at most */
        /* energy flags: ~5% all-electric (nearly every new home since 2019), ~13%
         * of households charge an electric car at home (2026; 30% at owner-
         * occupied detached and semi-detached houses: income and a driveway),
         * panels on ~20% of houses (CBS 2020: 16% of dwellings produce) */
        .p_ae = {0.92, 0.25, 0.008,
                 0.008},          /* by build year >= 2019 / 2010-18 / 1990-2009 / older */
        .p_ev_owner_house = 0.16, /* owner-occupied terraced house */
        .p_ev_house = 0.06,       /* a rented house */
        .p_ev_villa = 0.30,       /* owner-occupied detached or semi-detached */
        .p_ev_apt = 0.04,         /* a flat: few chargers */
        .p_solar_owner = 0.27,    /* owner-occupiers invest */
        .p_solar_corp = 0.12,     /* corporations fit whole streets */
        .p_solar_private = 0.06,  /* private landlords rarely */
        /* KvK: 9% ZZP at home, 1.3% holding + operating BV; 20% of shops chains */
        .p_zzp = 0.09,        /* ZZP at ~9% of occupied dwellings */
        .p_holding = 0.013,   /* director with holding + operating BV at home */
        .p_chain = 0.2,       /* chain branch registered at the unit */
        .p_chain_remote = 0,  /* none run from elsewhere */
        .p_shop_act = 0.90,   /* 10-15% of units vacant */
        .p_office_act = 0.88, /* ~12% vacant */
        .p_ind_act = 0.85,    /* industrial units in use */
        /* energy, anchored: household use is what the meter delivers (CBS's
         * medians 1,580/2,500/3,140/3,700/4,300 of 2020 are net of the panels
         * on 16% of homes, and truncated at 0), by type as in CBS 81528NED
         * (flat < terraced < corner < semi < detached, detached also bigger),
         * 15 kWh per m2 above 100 m2. Households of one kind differ little
         * by themselves (sigma 0.18, and 0.10 for a postcode's affluence):
         * CBS's mean/median per household size (1 person 1,800/1,580, 3
         * persons 3,370/3,140, 2020) put the spread across *all* dwellings of
         * one size at ~0.51 and ~0.38, so within dwellings that also share
         * type, size and heating it must be clearly smaller; what remains is
         * composition: home offices (~30% of households work partly at home
         * since 2020), a ZZP's equipment, electric cars, air conditioning and
         * hybrid heat pumps, heat pumps that work harder in bigger homes.
         * Within comparable dwellings that gives ~0.36 (gen_check: 0.28-0.42).
         * The range means keep their spread through *which* homes and
         * households a postcode holds: blocks differ in affluence (cars,
         * owners' panels, home offices, air conditioning, hybrids cluster) and
         * life stage (families or singles and the elderly), 15% of the houses
         * are detached villas, 30% of the shops are neighbourhood shops in
         * residential streets, and food retail with refrigeration (100-400
         * kWh/m2) is 30% of the shops. Measured on energie.csv as the open
         * data has it: p10/median/p90 of the range means 2,155-2,277 /
         * 3,453-3,676 / 6,616-7,032 (seeds 1-8, each within 7%), anchor
         * 2,240/3,470/6,950 (Enexis 2019, Geldrop, 329 ranges). */
        .elk_med = {0, 1490, 2350, 2950, 3480, 4060}, /* delivered, by household size 1..5 */
        .elk_per_extra = 400,                         /* per person above 5 */
        .elk_type = {1.0, 0.94, 0.95, 1.00, 1.25,
                     1.65},    /* none, flat, terraced, corner, semi, detached */
        .elk_area_slope = 15,  /* 10-15 kWh per extra m2 */
        .elk_sigma = 0.18,     /* between households of one kind */
        .elk_pc_sigma = 0.10,  /* a postcode's affluence on its households' use */
        .pc_affluence = 1.0,   /* a share x 0.17 in the poorest tenth of blocks, x 2.2 in
                                  the richest (cars: income and a driveway) */
        .pc_lifestage = 0.5,   /* family blocks and blocks of singles and the elderly */
        .p_home_office = 0.30, /* households with a home office */
        .home_office_lo = 300, /* a workplace: screens, laptop, a room kept warm */
        .home_office_hi = 900, /* kWh */
        .zzp_lo = 200,         /* a laptop ... a salon, a workshop, a server */
        .zzp_hi = 8000,        /* kWh, log-uniform */
        .hp_lo = 1800,         /* heat pump: 1,500-2,500 in a new home (Itho), more in older ones */
        .hp_hi = 3500,         /* kWh at 120 m2 */
        .hp_area_exp = 0.8,    /* a bigger home needs more heat */
        .p_airco = 0.30,       /* reasoning: air conditioning or an air-to-air heat pump in
                                  ~a quarter to a third of homes by the mid-2020s */
        .airco_lo = 200,       /* kWh a summer: a bedroom unit ... */
        .airco_hi = 700,       /* ... several rooms */
        .p_hybrid = 0.08,      /* reasoning: hybrid heat pumps, subsidised since 2020, in
                                  ~8% of owner-occupied gas-heated houses by 2026 */
        .hybrid_lo = 1000,     /* a hybrid takes ~60% of the heat: 1,200 m3 x 0.6 x 8.8 */
        .hybrid_hi = 2000,     /* kWh / COP 3.5 ~ 1,800 kWh at 120 m2 */
        .hybrid_gas = 0.4,     /* the gas it leaves */
        .ev_lo = 2000,         /* 15,000 km x 0.15-0.2 kWh/km */
        .ev_hi = 3000,         /* kWh */
        .solar_lo = 2000,      /* 8-14 panels */
        .solar_hi = 3500,      /* kWh production */
        .p_monthly = 0.7,      /* suppliers' monthly data for 70% */
        .p_sji = 0.7,          /* feed-in reported for 70% */
        .shop_m2 = 70,         /* non-food retail ~50-100 kWh/m2 */
        .shop_sigma = 0.35,    /* spread of non-food shops */
        .shop_cap = 60000,     /* kWh: above that a shop is food or large */
        .food_share = 0.3,     /* supermarkets, bakers, butchers, delis */
        .food_m2_lo = 100,     /* food retail 100-400 kWh/m2 */
        .food_m2_hi = 400,     /* kWh/m2 */
        .barn_m2 = 12,         /* (no farms) */
        .barn_sigma = 1.0,     /* (no farms) */
        .p_barn_conn = 0.8,    /* (no farms) */
        /* transactions: hypotheekloos ~17% of purchases, much more at 60+
         * (Kadaster 2017). Under 30 ~5%: that study found movers (38%) and
         * owners of several homes (43%) making most hypotheekloos purchases,
         * so first-time buyers make at most a fifth of them (~3% of all
         * purchases, ~8% of first-time buyers), and buyers under 30 have the
         * least capital (most of the under-25s need their parents' money
         * *next to* a mortgage). Measured ~5% of ~200 purchases by under-30s
         * in two years; the planted young-buyer cases are ~2% of those. */
        .p_cash = {0.05, 0.06, 0.12, 0.33,
                   0.45},          /* no mortgage by buyer age <30 / <45 / <60 / <70 / 70+ */
        .p_cash_young_flat = 0.05, /* as other young buyers */
        .p_prev = 0.35,            /* an earlier sale in the six years */
        .prev_gap_min = 180,       /* days at least between two sales */
        .prev_gap_mean = 8.0,      /* years, exponential, on top */
        /* citizen reports */
        .p_noise = 0.02,      /* ~2% of addresses with noise reports */
        .p_false_tip = 0.003, /* ~0.3% false relevant tips */
    },
    {
        .name = "stad",
        .desc = "city district: 65% flats, students, big private landlords, parents' cash, "
                "chain shops registered elsewhere, few smart-meter data, many false tips",
        /* geography: a 19th/20th-century district of a university city */
        .apt_share = 0.65,   /* reasoning: between Eindhoven (~45%) and Amsterdam (~85%) */
        .row_share = 0.80,   /* of houses: city terraces */
        .semi_share = 0.12,  /* detached the remaining 8% */
        .farms17k = 0,       /* as geldrop */
        .barns_per_farm = 0, /* as geldrop */
        .shops17k = 700,     /* high streets: ~4% of addresses are shops */
        .offices17k = 450,   /* offices, practices, agencies */
        .bcs17k = 8,         /* more shared office buildings */
        .ind17k = 100,       /* workshops in courtyards, a small estate */
        .garages17k = 250,   /* parking on the street instead */
        .care17k = 14,       /* care homes */
        .hotels17k = 14,     /* hotels, short stay */
        .era_w = {0.22, 0.18, 0.20, 0.12, 0.12, 0.08, 0.08}, /* pre-war core, infill */
        .house_area_f = 0.92,                                /* narrow city terraces */
        .det_area_mean = 170,                                /* city villas are smaller */
        .det_area_sd = 40,                                   /* m2 */
        .apt_area_mean = 60,   /* city flats: ~60 m2, from studios up */
        .apt_area_sd = 16,     /* m2 */
        .p_corp_row = 0.35,    /* corporations own ~35-40% of a city's stock */
        .p_corp_block = 0.40,  /* corporation blocks */
        .p_owner_house = 0.70, /* more rented houses */
        .p_owner_flat = 0.45,  /* the rest of the flats: private rent */
        .woz_m2 = 4600,        /* city flats ~EUR 4,500-5,500/m2 */
        /* households: singles ~55% (large cities, CBS) */
        .hh_apt = {0.60, 0.28, 0.06, 0.04, 0.015, 0.005}, /* singles in flats */
        .hh_house = {0.30, 0.32, 0.14, 0.16, 0.05, 0.03}, /* families in houses */
        .p_vacant = 0.025,                                /* tight market */
        .p_recent = 0.12,                   /* city mobility: ~12% moved in during the last year */
        .stay_mean = 6.0,                   /* years */
        .single_apt = {0.50, 0.30, 0.20},   /* young singles */
        .single_house = {0.20, 0.55, 0.25}, /* of singles aged 20-35 / 35-65 / 65+ */
        .p_old_couple_apt = 0.25,           /* fewer elderly couples */
        .p_old_couple_house = 0.25,         /* fewer elderly couples */
        .head_lo = 28,                      /* parents aged 28-52 */
        .head_hi = 52,                      /* parents aged 28-52 */
        .p_students = 0.30,                 /* of private-rented 80-160 m2: common (kamerverhuur) */
        /* landlords: big private portfolios common; > 5 dwellings for ~8% of
         * addresses */
        .ll_w = {0.52, 0.20, 0.11, 0.07, 0.06,
                 0.04},  /* landlords owning 1, 2, 3, 4, 5, 6+ dwellings */
        .ll_big_lo = 6,  /* as geldrop */
        .ll_big_hi = 40, /* dwellings at most */
        /* energy flags: no room for cars or panels on flats, few on houses */
        .p_ae = {0.92, 0.30, 0.02, 0.01}, /* new builds, few retrofits */
        .p_ev_owner_house = 0.10,         /* on-street parking, few chargers */
        .p_ev_house = 0.05,               /* rented */
        .p_ev_villa = 0.15,               /* detached or semi */
        .p_ev_apt = 0.025,                /* flats */
        .p_solar_owner = 0.20,            /* shaded, small roofs */
        .p_solar_corp = 0.12,             /* as geldrop */
        .p_solar_private = 0.04,          /* landlords rarely */
        /* KvK: more ZZP; ~60% of shops are chains registered at a head office
         * elsewhere (no branch at the unit), 10% chains with a local branch */
        .p_zzp = 0.11,          /* more freelancers */
        .p_holding = 0.012,     /* BV at home */
        .p_chain = 0.25,        /* of the other shops */
        .p_chain_remote = 0.60, /* ~60% of shops: chains registered elsewhere */
        .p_shop_act = 0.92,     /* little vacancy on high streets */
        .p_office_act = 0.88,   /* as geldrop */
        .p_ind_act = 0.85,      /* as geldrop */
        /* energy: the same household physics as geldrop; smaller homes */
        .elk_med = {0, 1490, 2350, 2950, 3480, 4060},    /* as geldrop */
        .elk_per_extra = 400,                            /* as geldrop */
        .elk_type = {1.0, 0.94, 0.95, 1.00, 1.25, 1.65}, /* as geldrop */
        .elk_area_slope = 15,                            /* as geldrop */
        .elk_sigma = 0.24,     /* a city with students, sharers and mixed households: wider */
        .elk_pc_sigma = 0.10,  /* as geldrop */
        .pc_affluence = 1.0,   /* city blocks differ as much as geldrop's */
        .pc_lifestage = 0.5,   /* student and starter blocks next to family blocks */
        .p_home_office = 0.35, /* more office workers */
        .home_office_lo = 300, /* as geldrop */
        .home_office_hi = 900, /* as geldrop */
        .zzp_lo = 200,         /* as geldrop */
        .zzp_hi = 8000,        /* as geldrop */
        .hp_lo = 1800,         /* as geldrop */
        .hp_hi = 3500,         /* as geldrop */
        .hp_area_exp = 0.8,    /* as geldrop */
        .p_airco = 0.30,       /* as geldrop */
        .airco_lo = 200,       /* as geldrop */
        .airco_hi = 700,       /* as geldrop */
        .p_hybrid = 0.08,      /* as geldrop */
        .hybrid_lo = 1000,     /* as geldrop */
        .hybrid_hi = 2000,     /* as geldrop */
        .hybrid_gas = 0.4,     /* as geldrop */
        .ev_lo = 2000,         /* as geldrop */
        .ev_hi = 3000,         /* as geldrop */
        .solar_lo = 2000,      /* as geldrop */
        .solar_hi = 3500,      /* as geldrop */
        .p_monthly = 0.25,     /* monthly values for ~25%: few suppliers' data reach the city */
        .p_sji = 0.10,         /* reported feed-in rare */
        .shop_m2 = 70,         /* as geldrop */
        .shop_sigma = 0.35,    /* as geldrop */
        .shop_cap = 60000,     /* as geldrop */
        .food_share = 0.2,     /* of the independent shops */
        .food_m2_lo = 100,     /* chains: refrigeration 100-400 kWh/m2, 10-140 MWh */
        .food_m2_hi = 400,     /* as geldrop */
        .barn_m2 = 12,         /* as geldrop */
        .barn_sigma = 1.0,     /* as geldrop */
        .p_barn_conn = 0.8,    /* as geldrop */
        /* transactions: parents' money: ~15% of buyers under 30 without a
         * mortgage, mostly small flats at about their WOZ. In Amsterdam ~a
         * quarter of *all* purchases are hypotheekloos (Kadaster, DNB 2017),
         * but mostly by investors and older movers; parents who buy a
         * student's flat with their own home's equity are the buyers
         * themselves (over 30), so only gifts and family loans without a
         * registered mortgage show as an under-30 cash buyer: ~3x geldrop's
         * share, concentrated in flats of at most 70 m2 (25%). */
        .p_cash = {0.06, 0.08, 0.14, 0.35,
                   0.47},          /* no mortgage by age; under 30 as below for small flats */
        .p_cash_young_flat = 0.25, /* under 30 buying a flat of at most 70 m2: parents pay */
        .p_prev = 0.40,            /* more turnover */
        .prev_gap_min = 180,       /* as geldrop */
        .prev_gap_mean = 7.0,      /* years */
        /* citizen reports: more noise, 2.5x the false tips of geldrop */
        .p_noise = 0.03,       /* more neighbours, more noise reports */
        .p_false_tip = 0.0075, /* 2.5x geldrop: theme categories at innocent addresses */
    },
    {
        .name = "platteland",
        .desc = "rural municipality: detached houses and farms, barns used by a firm registered "
                "at the farmhouse, large families, smart meters and panels, few landlords",
        /* geography: villages and farms */
        .apt_share = 0.05,     /* a few flats in the villages */
        .row_share = 0.30,     /* of houses */
        .semi_share = 0.22,    /* detached (with the farmhouses): ~48% */
        .farms17k = 450,       /* reasoning: ~1 farm per 35 addresses in a rural municipality */
        .barns_per_farm = 1.8, /* barn, shed, stable or workshop: ~50% of all
                                  non-residential units */
        .shops17k = 150,       /* village shops */
        .offices17k = 120,     /* offices and practices */
        .bcs17k = 2,           /* one per village estate */
        .ind17k = 250,         /* agri-business and contractors on the village estate */
        .garages17k = 150,     /* garages are part of the houses */
        .care17k = 10,         /* care homes */
        .hotels17k = 8,        /* B&Bs and small hotels */
        .era_w = {0.18, 0.14, 0.20, 0.18, 0.16, 0.08, 0.06}, /* old villages, post-war extensions */
        .house_area_f = 1.10,                                /* room to build */
        .det_area_mean = 210,                                /* rural detached houses */
        .det_area_sd = 50,                                   /* m2 */
        .apt_area_mean = 75,                                 /* village flats are roomier */
        .apt_area_sd = 14,                                   /* as geldrop */
        .p_corp_row = 0.30,                                  /* corporation rows in the villages */
        .p_corp_block = 0.60,                                /* village flats mostly corporation */
        .p_owner_house = 0.88,                               /* few private landlords */
        .p_owner_flat = 0.60,                                /* owner-occupied flats */
        .woz_m2 = 2900, /* rural WOZ per m2 lower, plots larger */
        /* households: large families common */
        .hh_apt = {0.50, 0.35, 0.08, 0.05, 0.015, 0.005}, /* elderly in village flats */
        .hh_house = {0.18, 0.34, 0.13, 0.19, 0.10, 0.06}, /* large families common */
        .p_vacant = 0.025,                                /* little vacancy */
        .p_recent = 0.05,                                 /* people stay */
        .stay_mean = 12.0,                                /* years */
        .single_apt = {0.15, 0.30, 0.55},   /* of singles aged 20-35 / 35-65 / 65+: older */
        .single_house = {0.12, 0.50, 0.38}, /* older singles */
        .p_old_couple_apt = 0.45,           /* older couples */
        .p_old_couple_house = 0.35,         /* older couples */
        .head_lo = 28,                      /* parents aged 28-58 */
        .head_hi = 58,                      /* parents aged 28-58 */
        .p_students = 0,                    /* no university */
        /* landlords: nearly all own one or two dwellings */
        .ll_w = {0.80, 0.13, 0.05, 0.012, 0.006,
                 0.002}, /* landlords owning 1, 2, 3, 4, 5, 6+ dwellings */
        .ll_big_lo = 6,  /* as geldrop */
        .ll_big_hi = 10, /* dwellings at most */
        /* energy flags: panels on ~40% of houses (roofs, barns), cars common */
        .p_ae = {0.90, 0.30, 0.03, 0.02}, /* new builds, some retrofits */
        .p_ev_owner_house = 0.15,         /* driveways, distances */
        .p_ev_house = 0.06,               /* as geldrop */
        .p_ev_villa = 0.20,               /* detached or semi */
        .p_ev_apt = 0.03,                 /* flats */
        .p_solar_owner = 0.48,            /* large roofs */
        .p_solar_corp = 0.25,             /* corporation programmes */
        .p_solar_private = 0.15,          /* landlords */
        /* KvK: family firms */
        .p_zzp = 0.10,        /* freelancers and contractors */
        .p_holding = 0.02,    /* family firms at home */
        .p_chain = 0.2,       /* as geldrop */
        .p_chain_remote = 0,  /* as geldrop */
        .p_shop_act = 0.88,   /* village shops close */
        .p_office_act = 0.88, /* as geldrop */
        .p_ind_act = 0.88,    /* estate units in use */
        /* energy: the same household physics; barns spread over two orders
         * of magnitude per m2 (storage ~2, workshop or stable ~10-40, milking
         * and cooling ~50-150 kWh/m2) */
        .elk_med = {0, 1490, 2350, 2950, 3480, 4060},    /* as geldrop */
        .elk_per_extra = 400,                            /* as geldrop */
        .elk_type = {1.0, 0.94, 0.95, 1.00, 1.25, 1.65}, /* as geldrop */
        .elk_area_slope = 15,                            /* as geldrop */
        .elk_sigma = 0.20,     /* old farmhouses and village homes: as varied as geldrop */
        .elk_pc_sigma = 0.10,  /* as geldrop */
        .pc_affluence = 0.8,   /* villages mix incomes more than towns */
        .pc_lifestage = 0.4,   /* and ages */
        .p_home_office = 0.20, /* fewer office jobs */
        .home_office_lo = 300, /* as geldrop */
        .home_office_hi = 900, /* as geldrop */
        .zzp_lo = 200,         /* as geldrop */
        .zzp_hi = 8000,        /* as geldrop */
        .hp_lo = 1800,         /* as geldrop */
        .hp_hi = 3500,         /* as geldrop */
        .hp_area_exp = 0.8,    /* as geldrop */
        .p_airco = 0.30,       /* as geldrop */
        .airco_lo = 200,       /* as geldrop */
        .airco_hi = 700,       /* as geldrop */
        .p_hybrid = 0.08,      /* as geldrop */
        .hybrid_lo = 1000,     /* as geldrop */
        .hybrid_hi = 2000,     /* as geldrop */
        .hybrid_gas = 0.4,     /* as geldrop */
        .ev_lo = 2500,         /* longer distances */
        .ev_hi = 3500,         /* kWh */
        .solar_lo = 2500,      /* bigger roofs */
        .solar_hi = 4500,      /* kWh */
        .p_monthly = 0.90,     /* smart meters: ~90% with monthly values */
        .p_sji = 0.90,         /* and reported feed-in */
        .shop_m2 = 70,         /* as geldrop */
        .shop_sigma = 0.35,    /* as geldrop */
        .shop_cap = 60000,     /* as geldrop */
        .food_share = 0.3,     /* as geldrop */
        .food_m2_lo = 100,     /* as geldrop */
        .food_m2_hi = 400,     /* as geldrop */
        .barn_m2 = 12,         /* as geldrop */
        .barn_sigma = 1.1,     /* log-normal spread of kWh/m2 */
        .p_barn_conn = 0.75,   /* the rest on the farmhouse's connection */
        /* transactions: older buyers often without a mortgage (farm and home
         * equity); property changes hands slowly: legitimate resales 1-3
         * years apart at the quickest */
        .p_cash = {0.04, 0.07, 0.18, 0.45,
                   0.55},          /* no mortgage by buyer age; older buyers with equity */
        .p_cash_young_flat = 0.04, /* young buyers borrow */
        .p_prev = 0.25,            /* fewer sales */
        .prev_gap_min = 365,       /* days: at least a year between sales */
        .prev_gap_mean = 10.0,     /* years */
        /* citizen reports: fewer neighbours, less noise */
        .p_noise = 0.012,     /* fewer neighbours */
        .p_false_tip = 0.003, /* as geldrop */
    },
    {
        .name = "groeikern",
        .desc = "new town like Almere: built 1980-2025, heat pumps, electric cars and panels, "
                "young households with mortgages",
        /* geography: a planned new town */
        .apt_share = 0.25,                                 /* Almere ~25% flats */
        .row_share = 0.68,                                 /* planned terraced rows */
        .semi_share = 0.20,                                /* detached the remaining 12% */
        .farms17k = 0,                                     /* as geldrop */
        .barns_per_farm = 0,                               /* as geldrop */
        .shops17k = 300,                                   /* shopping centres */
        .offices17k = 300,                                 /* offices in the centre */
        .bcs17k = 6,                                       /* shared office buildings */
        .ind17k = 250,                                     /* business parks */
        .garages17k = 300,                                 /* garage boxes */
        .care17k = 8,                                      /* a young town: fewer care homes */
        .hotels17k = 3,                                    /* a few hotels */
        .era_w = {0.0, 0.0, 0.02, 0.18, 0.45, 0.17, 0.18}, /* since the 1980s */
        .house_area_f = 1.0,                               /* as geldrop */
        .det_area_mean = 170,                              /* new detached houses */
        .det_area_sd = 35,                                 /* m2 */
        .apt_area_mean = 75,                               /* newer, roomier flats */
        .apt_area_sd = 15,                                 /* m2 */
        .p_corp_row = 0.30,                                /* corporation rows */
        .p_corp_block = 0.45,                              /* corporation blocks */
        .p_owner_house = 0.80,                             /* owner-occupied houses */
        .p_owner_flat = 0.55,                              /* owner-occupied flats */
        .woz_m2 = 3300,                                    /* Almere ~EUR 3,300/m2 */
        /* households: young families */
        .hh_apt = {0.45, 0.33, 0.12, 0.07, 0.02, 0.01},   /* young couples and starters */
        .hh_house = {0.18, 0.30, 0.19, 0.23, 0.07, 0.03}, /* young families */
        .p_vacant = 0.03,                                 /* new builds stand empty a while */
        .p_recent = 0.10,                                 /* a moving population */
        .stay_mean = 7.0,                                 /* years */
        .single_apt = {0.50, 0.35, 0.15},                 /* young singles */
        .single_house = {0.30, 0.55, 0.15},               /* of singles aged 20-35 / 35-65 / 65+ */
        .p_old_couple_apt = 0.15,                         /* few elderly */
        .p_old_couple_house = 0.12,                       /* few elderly */
        .head_lo = 25,                                    /* parents aged 25-48 */
        .head_hi = 48,                                    /* parents aged 25-48 */
        .p_students = 0,                                  /* no university */
        /* landlords: moderate */
        .ll_w = {0.62, 0.20, 0.10, 0.04, 0.03, 0.01}, /* moderate portfolios */
        .ll_big_lo = 6,                               /* as geldrop */
        .ll_big_hi = 20,                              /* dwellings at most */
        /* energy flags: ~35% all-electric (heat pump, no gas), ~25% of
         * households an electric car, ~45% of houses panels */
        .p_ae = {0.95, 0.50, 0.22, 0.06}, /* ~35% of dwellings: new builds and retrofits */
        .p_ev_owner_house = 0.33,         /* driveways and chargers */
        .p_ev_house = 0.20,               /* rented houses */
        .p_ev_villa = 0.40,               /* detached or semi */
        .p_ev_apt = 0.13,                 /* flats with parking garages */
        .p_solar_owner = 0.52,            /* new roofs */
        .p_solar_corp = 0.35,             /* corporation programmes */
        .p_solar_private = 0.25,          /* landlords */
        .p_zzp = 0.10,                    /* freelancers */
        .p_holding = 0.012,               /* BV at home */
        .p_chain = 0.3,                   /* shopping-centre chains with a local branch */
        .p_chain_remote = 0,              /* as geldrop */
        .p_shop_act = 0.88,               /* some vacancy in shopping centres */
        .p_office_act = 0.85,             /* office vacancy */
        .p_ind_act = 0.85,                /* as geldrop */
        /* energy: the same household physics; well-insulated homes need less
         * heat pump */
        .elk_med = {0, 1490, 2350, 2950, 3480, 4060},    /* as geldrop */
        .elk_per_extra = 400,                            /* as geldrop */
        .elk_type = {1.0, 0.94, 0.95, 1.00, 1.25, 1.65}, /* as geldrop */
        .elk_area_slope = 15,                            /* as geldrop */
        .elk_sigma = 0.12,     /* similar new homes and similar young households: narrow */
        .elk_pc_sigma = 0.10,  /* as geldrop */
        .pc_affluence = 0.8,   /* as platteland: one era, less contrast */
        .pc_lifestage = 0.5,   /* estates built in phases, each its own life stage */
        .p_home_office = 0.35, /* commuters who work from home part of the week */
        .home_office_lo = 300, /* as geldrop */
        .home_office_hi = 900, /* as geldrop */
        .zzp_lo = 200,         /* as geldrop */
        .zzp_hi = 8000,        /* as geldrop */
        .hp_lo = 1500,         /* kWh: well-insulated homes */
        .hp_hi = 3000,         /* kWh at 120 m2 */
        .hp_area_exp = 0.8,    /* as geldrop */
        .p_airco = 0.30,       /* as geldrop */
        .airco_lo = 200,       /* as geldrop */
        .airco_hi = 700,       /* as geldrop */
        .p_hybrid = 0.08,      /* as geldrop */
        .hybrid_lo = 1000,     /* as geldrop */
        .hybrid_hi = 2000,     /* as geldrop */
        .hybrid_gas = 0.4,     /* as geldrop */
        .ev_lo = 2000,         /* as geldrop */
        .ev_hi = 3000,         /* as geldrop */
        .solar_lo = 2000,      /* as geldrop */
        .solar_hi = 3500,      /* as geldrop */
        .p_monthly = 0.50,     /* half with monthly data */
        .p_sji = 0.85,         /* feed-in reported */
        .shop_m2 = 70,         /* as geldrop */
        .shop_sigma = 0.35,    /* as geldrop */
        .shop_cap = 60000,     /* as geldrop */
        .food_share = 0.3,     /* as geldrop */
        .food_m2_lo = 100,     /* as geldrop */
        .food_m2_hi = 400,     /* as geldrop */
        .barn_m2 = 12,         /* as geldrop */
        .barn_sigma = 1.0,     /* as geldrop */
        .p_barn_conn = 0.8,    /* (no farms) */
        /* transactions: young buyers almost always with a mortgage */
        .p_cash = {0.01, 0.05, 0.10, 0.30, 0.40}, /* no mortgage by buyer age: the young borrow */
        .p_cash_young_flat = 0.02,                /* young buyers borrow */
        .p_prev = 0.35,                           /* as geldrop */
        .prev_gap_min = 180,                      /* as geldrop */
        .prev_gap_mean = 7.0,                     /* years */
        .p_noise = 0.02,                          /* as geldrop */
        .p_false_tip = 0.003,                     /* as geldrop */
    },
};

const struct world *world_find(const char *name)
{
    for (int k = 0; k < NELEM(WORLDS); k++)
        if (strcmp(WORLDS[k].name, name) == 0)
            return &WORLDS[k];
    return NULL;
}

void world_list(FILE *f)
{
    for (int k = 0; k < NELEM(WORLDS); k++)
        fprintf(f, "%-11s %s\n", WORLDS[k].name, WORLDS[k].desc);
}
