/*
 * version.h - the program version, written with every run (summary, report,
 * history database) so that a list can always be traced to the code that made it.
 */
#ifndef VIK_COMMON_VERSION_H
#define VIK_COMMON_VERSION_H

#define VIK_VERSION "0.6.0"

#endif
