/*
 * cmd_new.c: pacta new, a commented scenario to start from. The example
 * values make a scenario that loads against the shipped rules (a CLI test
 * checks it), so a user edits a file that works rather than one that must be
 * completed before it says anything. The format itself is documented in
 * docs/scenario-format.md and pacta-scenario(5).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char new_usage[] =
    "usage: pacta new > FILE.yaml\n"
    "\n"
    "Prints a scenario to start from: every section of the format, with\n"
    "comments that say what each key means and which values it takes, filled\n"
    "with example values that pacta check accepts. Replace them with your case.\n"
    "\n"
    "exit status: 0, or 2 for bad usage.\n";

static const char scenario_template[] =
    "# A pacta scenario (format version 1): who did what to whom, when, and what\n"
    "# was known about the place they were sent to. The values below are an\n"
    "# example that `pacta check` accepts; replace them with your case. The\n"
    "# format: docs/scenario-format.md, or `man 5 pacta-scenario`.\n"
    "# Unknown keys are errors; a fact you leave out is unknown, not false.\n"
    "pacta: 1\n"
    "title: Return of a detained asylum seeker (example)\n"
    "summary: >\n"
    "  Free text: what happened, and where the facts come from.\n"
    "\n"
    "# Optional: what you read, cited by id from conditions and events.\n"
    "sources:\n"
    "  - id: report-1                 # letters, digits, _ - and . only; unique\n"
    "    title: Title of the report, article or decision\n"
    "    url: https://example.org/report   # optional\n"
    "    date: 2023-10-12                  # optional\n"
    "\n"
    "# The people affected: one person, or a group.\n"
    "persons:\n"
    "  - id: applicant\n"
    "    nationality: KP              # ISO 3166-1 alpha-2 code the rules know\n"
    "    count: 1                     # optional: how many people the group holds\n"
    "    # What a procedure decided, not what the person is: refugee (recognised),\n"
    "    # asylum_seeker (claim pending), undetermined (never examined; the\n"
    "    # default), migrant (found not to be a refugee), national (of the actor).\n"
    "    status: asylum_seeker\n"
    "    facts:                       # optional: true | false | unknown\n"
    "      sought_protection: true    # asked for asylum or said they feared return\n"
    "      # excluded: false          # falls under Refugee Convention art. 1F\n"
    "\n"
    "# Optional: facts about a state over a period. Leave this out to rely on\n"
    "# the rules' own country conditions (rules/conditions/).\n"
    "conditions:\n"
    "  - state: KP\n"
    "    # persecution_on_return | torture_on_return | gross_violations_pattern\n"
    "    # | onward_removal_risk\n"
    "    fact: torture_on_return\n"
    "    value: true                  # true (the default) | false | unknown\n"
    "    from: 2014-02-07             # optional window, both ends inclusive\n"
    "    # until: 2030-12-31\n"
    "    source: report-1             # optional: an id from sources\n"
    "    # persons: [applicant]       # optional: only these persons\n"
    "\n"
    "# What states did, in any order (pacta sorts them by date). Dates are\n"
    "# YYYY-MM-DD, or YYYY-MM / YYYY when only that much is known.\n"
    "events:\n"
    "  - id: e1\n"
    "    date: 2023-10-01\n"
    "    actor: CN                    # the acting state\n"
    "    # return | deport | expel | extradite | reject_at_frontier | transfer\n"
    "    # (removals, which need to:), classify (as:, basis:), detain,\n"
    "    # status_determination (basis:, outcome: recognized | rejected | pending),\n"
    "    # grant_protection, deny_access (to_body:, e.g. UNHCR), release\n"
    "    action: detain\n"
    "    subject: applicant           # a person id\n"
    "    source: report-1\n"
    "\n"
    "  - id: e2\n"
    "    date: 2023-10-09\n"
    "    actor: CN\n"
    "    action: return\n"
    "    subject: applicant\n"
    "    to: KP                       # the destination state\n"
    "    source: report-1\n"
    "    facts:                       # optional: true | false | unknown\n"
    "      individual_assessment: false   # was the person's own risk examined?\n"
    "      voluntary: false               # did they freely choose to go?\n"
    "      # unhcr_access: false          # was UNHCR allowed to reach them?\n"
    "      # security_danger: false       # Refugee Convention art. 33(2)\n"
    "    description: >               # optional narrative; the rules may read facts in it\n"
    "      The applicant was taken from detention and returned across the border.\n"
    "\n"
    "# Optional: the findings you expect, checked by `pacta test FILE`.\n"
    "# verdict: violation | no_violation | undetermined | not_applicable\n"
    "expect:\n"
    "  - event: e2\n"
    "    instrument: cat\n"
    "    provision: art_3__para_1\n"
    "    verdict: violation\n";

int cmd_new(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return cli_tool_help(new_usage);
        if (argv[i][0] == '-')
            return cli_tool_usage("new", "unknown option '%s'", argv[i]);
        return cli_tool_usage("new", "takes no operand; redirect the output: pacta new > %s",
                              argv[i]);
    }
    return cli_tool_help(scenario_template);
}
