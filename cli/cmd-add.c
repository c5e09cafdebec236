/* cmd-add.c: `hearth add KIND --COLUMN VALUE ...`: one record.
 *
 * The options are the kind's fields (forms/kinds.c), named as the export's
 * columns (SPEC), plus the short names a field lists among its headers
 * (the elder as --elder ID_NUMBER).  They go through kind_input_save(), so
 * a record typed here is checked exactly as one imported or entered in
 * the TUI.  A time the command leaves out is now: a visit is usually
 * recorded as it happens. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "forms/kind.h"

#define OPT_BASE 256	/* option values beyond any character */

static bool
is_ascii_name(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80 || *s == ' ' || *s == '(')
			return false;
	return true;
}

/* --KEY for every field a person gives, and its ASCII headers as
 * aliases; then --help.  NULL when out of memory. */
static struct option *
kind_options(const struct form_kind *k)
{
	struct option *o;
	size_t i, j, n = 0;

	if ((o = calloc(k->n * 5 + 2, sizeof *o)) == NULL)
		return NULL;
	for (i = 0; i < k->n; i++) {
		if (k->fields[i].flags & FIELD_DERIVED)
			continue;
		o[n++] = (struct option){ k->fields[i].key,
		    required_argument, NULL, OPT_BASE + (int)i };
		for (j = 0; j < 4 && k->fields[i].headers[j] != NULL; j++)
			if (is_ascii_name(k->fields[i].headers[j]))
				o[n++] = (struct option){
				    k->fields[i].headers[j], required_argument,
				    NULL, OPT_BASE + (int)i };
	}
	o[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	return o;
}

/* After the help: the kind's options (and their short names), with
 * their help lines and choices. */
static void
print_fields(const struct form_kind *k)
{
	const struct field_def *d;
	size_t i, j;

	printf("\n");
	for (i = 0; i < k->n; i++) {
		d = &k->fields[i];
		if (d->flags & FIELD_DERIVED)
			continue;
		for (j = 0; j < 4 && d->headers[j] != NULL; j++)
			if (is_ascii_name(d->headers[j]))
				printf("  --%s\n", d->headers[j]);
		printf("  --%-20s %s%s%s", d->key, form_noun(d),
		    d->help != NULL ? ": " : "",
		    d->help != NULL ? _(d->help) : "");
		if (d->def != NULL)
			printf(_(" (default: %s)"), d->def);
		else if ((d->flags & FIELD_REQUIRED) && d->when == NULL)
			printf("%s", _(" (required)"));
		printf("\n");
		if (d->type == FIELD_CHOICE || d->type == FIELD_MULTI) {
			char *list = choice_list(d->choices);

			if (list != NULL)
				printf("  %-22s %s\n", "", list);
			free(list);
		}
	}
}

static int
add_usage(int argc, char **argv)
{
	static const struct option helpopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *list;
	int c;

	while ((c = cli_getopt(argc, argv, helpopts, &cmd_add)) != CLI_OPT_END)
		return cli_opt_exit(c);
	list = kind_list(false);
	cli_usage_error(&cmd_add, _("what to add? (%s)"),
	    list != NULL ? list : "");
	free(list);
	return CLI_EXIT_USAGE;
}

/* The texts of the kind's group field (a guidance session's children):
 * the option may come more than once and hold a comma-separated list.
 * ARG's items are appended to *LIST (malloc'd copies).  -1 if out of
 * memory. */
static int
group_add(char ***list, size_t *n, const char *arg)
{
	const char *p = arg, *end;
	char **grown, *item;
	size_t len;

	for (;;) {
		end = p + strcspn(p, ",");
		/* A full-width comma too: typed with a Chinese IME. */
		if (strstr(p, "，") != NULL && strstr(p, "，") < end)
			end = strstr(p, "，");
		len = (size_t)(end - p);
		if (len > 0) {
			if ((grown = realloc(*list, (*n + 1) *
			    sizeof *grown)) == NULL)
				return -1;
			*list = grown;
			if ((item = strndup(p, len)) == NULL)
				return -1;
			(*list)[(*n)++] = item;
		}
		if (*end == '\0')
			return 0;
		p = end + (*end == ',' ? 1 : strlen("，"));
	}
}

static int
add_save(const struct form_kind *k, const char *const *names,
    const char *const *values, size_t n, const char *const *more,
    size_t nmore, struct cli_env *env)
{
	char login[32], *cause = NULL;
	struct kind_input *in;
	enum kind_result rc;
	sqlite3 *db;

	if ((in = kind_input_new(k, names, n, KIND_FROM_COMMAND,
	    &cause)) == NULL) {
		cli_usage_error(&cmd_add, "%s", cause);
		free(cause);
		return CLI_EXIT_USAGE;
	}
	if ((db = cli_station_db(env)) == NULL) {
		kind_input_free(in);
		return CLI_EXIT_ERROR;
	}
	cli_login(login);
	kind_input_group(in, more, nmore);
	rc = kind_input_save(in, db, values, n, login, &cause);
	kind_input_free(in);
	switch (rc) {
	case KIND_INSERTED:
		/* TRANSLATORS: %s is the kind of record, "Visit". */
		printf(_("%s saved.\n"), _(k->title));
		break;
	case KIND_UPDATED:
		printf("%s\n", _("It was already recorded; it was updated."));
		break;
	case KIND_UNCHANGED:
		printf("%s\n", _("It was already recorded; nothing changed."));
		break;
	case KIND_ERROR:
		return cli_fail(cause);
	}
	return CLI_EXIT_OK;
}

static int
cmd_add_run(int argc, char **argv, struct cli_env *env)
{
	const struct form_kind *k;
	const char **names = NULL, **values = NULL;
	struct option *longopts;
	char **group = NULL;
	size_t n = 0, i, ngroup = 0;
	int c, rc = CLI_EXIT_USAGE;

	/* The kind comes first: it says which options there are. */
	if (argc < 2 || argv[1][0] == '-')
		return add_usage(argc, argv);
	k = kind_by_name(argv[1]);
	if (k == NULL || strcmp(k->name, argv[1]) != 0)
		return cli_kind_error(&cmd_add, argv[1], false);
	if ((longopts = kind_options(k)) == NULL ||
	    (names = calloc(k->n, sizeof *names)) == NULL ||
	    (values = calloc(k->n, sizeof *values)) == NULL) {
		cli_error("%s", _("out of memory"));
		rc = CLI_EXIT_ERROR;
		goto done;
	}
	while ((c = cli_getopt(argc - 1, argv + 1, longopts, &cmd_add)) !=
	    CLI_OPT_END) {
		if (c < OPT_BASE) {
			if (c == CLI_OPT_HELP)
				print_fields(k);
			rc = cli_opt_exit(c);
			goto done;
		}
		if (k->group != NULL &&
		    strcmp(k->group, k->fields[c - OPT_BASE].key) == 0) {
			if (group_add(&group, &ngroup, optarg) == -1) {
				cli_error("%s", _("out of memory"));
				rc = CLI_EXIT_ERROR;
				goto done;
			}
			continue;
		}
		for (i = 0; i < n; i++)
			if (strcmp(names[i], k->fields[c - OPT_BASE].key) == 0)
				break;
		if (i < n) {
			cli_usage_error(&cmd_add, _("--%s given twice"),
			    k->fields[c - OPT_BASE].key);
			goto done;
		}
		names[n] = k->fields[c - OPT_BASE].key;
		values[n++] = optarg;
	}
	if (optind < argc - 1) {
		cli_usage_error(&cmd_add, _("unexpected argument %s"),
		    argv[optind + 1]);
		goto done;
	}
	if (ngroup > 0) {
		/* The first is the record's own; the others join it. */
		names[n] = k->group;
		values[n++] = group[0];
	}
	rc = add_save(k, names, values, n, (const char *const *)group + 1,
	    ngroup > 0 ? ngroup - 1 : 0, env);
done:
	for (i = 0; i < ngroup; i++)
		free(group[i]);
	free(group);
	free(longopts);
	free(names);
	free(values);
	return rc;
}

const struct cli_cmd cmd_add = {
	"add",
	"add visit|meal|guidance|elder|child|site [--COLUMN VALUE]...",
	N_("Records one visit, guidance session, elder or child, checked as "
	   "in the screens.\nThe options are the columns of \"hearth export "
	   "KINDS\"; \"hearth add KIND --help\"\nlists them.  Choices are "
	   "given by their Chinese label or English code, lists\njoined with "
	   "、, yes/no as 是/否, times as YYYY-MM-DD HH:MM (default: now), "
	   "money in\nfen.  One guidance session may cover several children: "
	   "--child UID more than\nonce, or UIDs separated by commas (all are "
	   "saved or none).\n"
	   "\n"
	   "  hearth add visit --elder ID_NUMBER --mode 上门 --visitor NAME "
	   "--contacted 是\n"
	   "  hearth add guidance --child UID --form 入户 --provider NAME "
	   "--topics 生长发育\n"),
	cmd_add_run,
};
