/*
 * main.c - the vik program; everything else lives in libvik.a (see cli/cli.c).
 */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
