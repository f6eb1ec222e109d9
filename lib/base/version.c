/*
 * version.c: the version of the library actually linked, which may differ
 * from the PACTA_VERSION_* macros a program was compiled against.
 */
#include "pacta.h"

const char *pacta_version(void)
{
    return PACTA_VERSION_STRING;
}

int pacta_version_number(void)
{
    return PACTA_VERSION_NUMBER;
}
