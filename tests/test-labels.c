/* test-labels.c: the choice tables, lookup, multi-values, display. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/labels.h"

/* Every table against SPEC's wording, in SPEC's order. */
static void
test_tables(void **state)
{
	static const struct {
		enum choice_kind kind;
		const char *labels;
	} want[] = {
		{ CH_GENDER, "男、女" },
		{ CH_HARDSHIP, "独居、空巢、留守、失能、重残、计划生育特殊家庭、"
		    "高龄、分散供养特困、低保、其他" },
		{ CH_LIVING, "独居、与配偶同住、与子女同住、与其他亲属同住、其他" },
		{ CH_ABILITY, "能力完好、能力轻度受损、能力中度受损、能力重度受损、"
		    "能力完全丧失" },
		{ CH_RISK, "高、重点、一般" },
		{ CH_STATUS, "在册、迁出、入住机构、死亡" },
		{ CH_VISIT_MODE, "上门、电话、视频、远程监测、其他" },
		{ CH_OUTCOME, "正常、未见到、拒绝、发现风险" },
		{ CH_SERVICE, "问安、陪伴聊天、随手家务、政策讲解、需求转介、应急帮扶" },
		{ CH_YESNO, "是、否" },
		{ CH_MEAL_SLOT, "早、午、晚" },
		{ CH_MEAL_MODE, "堂食、送餐、自取" },
		{ CH_VERIFICATION, "刷卡、人脸、签字、代领" },
		{ CH_CHILD_FLAG, "早产、低体重、留守、困境、残疾、其他" },
		{ CH_CHILD_STATUS, "在册、结案、迁出" },
		{ CH_RELATION, "母亲、父亲、祖父母、外祖父母、其他亲属、其他" },
		{ CH_GUIDANCE_FORM, "入户、电话视频、父母课堂、亲子活动、随访" },
		{ CH_TOPIC, "生长发育、营养与喂养、交流与玩耍、生活照护、伤害预防、"
		  "常见病防控、预防接种提醒" },
	};
	size_t i;
	int k, j;
	char *list;

	(void)state;
	assert_int_equal(sizeof want / sizeof want[0], CH__COUNT);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		list = choice_list(want[i].kind);
		assert_non_null(list);
		assert_string_equal(list, want[i].labels);
		free(list);
	}
	/* Every label and code is found as itself, codes are unique. */
	for (k = 0; k < CH__COUNT; k++) {
		for (j = 0; j < choice_count(k); j++) {
			assert_int_equal(choice_find(k, choice_label(k, j)), j);
			assert_int_equal(choice_find(k, choice_code(k, j)), j);
		}
		assert_null(choice_label(k, choice_count(k)));
		assert_null(choice_label(k, -1));
		assert_null(choice_code(k, choice_count(k)));
		assert_null(choice_display(k, -1));
	}
	assert_int_equal(choice_count(CH__COUNT), 0);
}

static void
test_fixed_indices(void **state)
{
	(void)state;
	assert_string_equal(choice_label(CH_GENDER, GENDER_MALE), "男");
	assert_string_equal(choice_label(CH_GENDER, GENDER_FEMALE), "女");
	assert_string_equal(choice_label(CH_RISK, RISK_HIGH), "高");
	assert_string_equal(choice_label(CH_RISK, RISK_FOCUS), "重点");
	assert_string_equal(choice_label(CH_RISK, RISK_NORMAL), "一般");
	assert_string_equal(choice_label(CH_STATUS, STATUS_ACTIVE), "在册");
	assert_string_equal(choice_label(CH_STATUS, STATUS_MOVED), "迁出");
	assert_string_equal(choice_label(CH_STATUS, STATUS_INSTITUTION),
	    "入住机构");
	assert_string_equal(choice_label(CH_STATUS, STATUS_DECEASED), "死亡");
	assert_string_equal(choice_label(CH_VISIT_MODE, MODE_HOME), "上门");
	assert_string_equal(choice_label(CH_VISIT_MODE, MODE_PHONE), "电话");
	assert_string_equal(choice_label(CH_VISIT_MODE, MODE_VIDEO), "视频");
	assert_string_equal(choice_label(CH_VISIT_MODE, MODE_REMOTE),
	    "远程监测");
	assert_string_equal(choice_label(CH_VISIT_MODE, MODE_OTHER), "其他");
	assert_string_equal(choice_label(CH_OUTCOME, OUTCOME_NORMAL), "正常");
	assert_string_equal(choice_label(CH_OUTCOME, OUTCOME_NOT_FOUND),
	    "未见到");
	assert_string_equal(choice_label(CH_OUTCOME, OUTCOME_REFUSED), "拒绝");
	assert_string_equal(choice_label(CH_OUTCOME, OUTCOME_RISK), "发现风险");
	assert_string_equal(choice_code(CH_VISIT_MODE, MODE_HOME), "home");
	assert_string_equal(choice_code(CH_VISIT_MODE, MODE_PHONE), "phone");
	assert_string_equal(choice_code(CH_YESNO, 0), "yes");
}

static void
test_find(void **state)
{
	(void)state;
	assert_int_equal(choice_find(CH_VISIT_MODE, "Phone"), MODE_PHONE);
	assert_int_equal(choice_find(CH_VISIT_MODE, " HOME\t"), MODE_HOME);
	/* The ideographic space a Chinese input method types. */
	assert_int_equal(choice_find(CH_VISIT_MODE, "\u3000电话\u3000"),
	    MODE_PHONE);
	assert_int_equal(choice_find(CH_VISIT_MODE, "电"), -1);
	assert_int_equal(choice_find(CH_VISIT_MODE, "电话机"), -1);
	assert_int_equal(choice_find(CH_VISIT_MODE, ""), -1);
	assert_int_equal(choice_find(CH_VISIT_MODE, "   "), -1);
	assert_int_equal(choice_find(CH_VISIT_MODE, NULL), -1);
	assert_int_equal(choice_find(CH_GENDER, "女"), GENDER_FEMALE);
	assert_int_equal(choice_find(CH_GENDER, "FEMALE"), GENDER_FEMALE);

	assert_int_equal(choice_find(CH_ABILITY, "0"), 0);
	assert_int_equal(choice_find(CH_ABILITY, " 4 "), 4);
	assert_int_equal(choice_find(CH_ABILITY, "5"), -1);
	assert_int_equal(choice_find(CH_ABILITY, "能力重度受损"), 3);
	/* Digits are levels only for CH_ABILITY. */
	assert_int_equal(choice_find(CH_RISK, "0"), -1);

	assert_int_equal(choice_find(CH_YESNO, "是"), 0);
	assert_int_equal(choice_find(CH_YESNO, "否"), 1);
	assert_int_equal(choice_find(CH_YESNO, "Y"), 0);
	assert_int_equal(choice_find(CH_YESNO, "n"), 1);
	assert_int_equal(choice_find(CH_YESNO, "1"), 0);
	assert_int_equal(choice_find(CH_YESNO, "0"), 1);
	assert_int_equal(choice_find(CH_YESNO, "TRUE"), 0);
	assert_int_equal(choice_find(CH_YESNO, "false"), 1);
	assert_int_equal(choice_find(CH_YESNO, "有"), 0);
	assert_int_equal(choice_find(CH_YESNO, "无"), 1);
	assert_int_equal(choice_find(CH_YESNO, "maybe"), -1);
	assert_int_equal(choice_find(CH_GENDER, "y"), -1);
}

static void
test_parse_multi(void **state)
{
	unsigned mask = 99;
	char *cause = NULL;

	(void)state;
	assert_int_equal(choice_parse_multi(CH_HARDSHIP, "", &mask, &cause),
	    0);
	assert_int_equal(mask, 0);
	assert_int_equal(choice_parse_multi(CH_HARDSHIP, NULL, &mask, &cause),
	    0);
	assert_int_equal(mask, 0);
	assert_int_equal(choice_parse_multi(CH_HARDSHIP, "独居", &mask,
	    &cause), 0);
	assert_int_equal(mask, 1u << 0);
	/* Every separator, codes among labels, spaces, repeats, slips. */
	assert_int_equal(choice_parse_multi(CH_HARDSHIP,
	    "独居、低保;高龄|空巢,留守，失能；dibao 、、 Other ,", &mask, &cause),
	    0);
	assert_int_equal(mask, 1u << 0 | 1u << 8 | 1u << 6 | 1u << 1 |
	    1u << 2 | 1u << 3 | 1u << 9);
	assert_int_equal(choice_parse_multi(CH_SERVICE, "问安 、 陪伴聊天",
	    &mask, &cause), 0);
	assert_int_equal(mask, 3);

	/* Unknown item: named, with the allowed labels, mask cleared. */
	assert_int_equal(choice_parse_multi(CH_HARDSHIP, "独居、孤寡", &mask,
	    &cause), -1);
	assert_int_equal(mask, 0);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "孤寡"));
	assert_non_null(strstr(cause, "计划生育特殊家庭"));
	free(cause);
	cause = NULL;
	assert_int_equal(choice_parse_multi(CH_SERVICE, "问安 陪伴聊天",
	    &mask, &cause), -1);	/* a space is not a separator */
	free(cause);
}

static void
test_join_display(void **state)
{
	char *s;

	(void)state;
	s = choice_join(CH_HARDSHIP, 0, false);
	assert_string_equal(s, "");
	free(s);
	s = choice_join(CH_HARDSHIP, 1u << 8 | 1u << 0, false);
	assert_string_equal(s, "独居、低保");
	free(s);
	s = choice_join(CH_SERVICE, 1u << 5, false);
	assert_string_equal(s, "应急帮扶");
	free(s);

	/* Chinese unless the UI is English. */
	assert_int_equal(i18n_init("zh_CN"), 0);
	assert_string_equal(choice_display(CH_VISIT_MODE, MODE_HOME), "上门");
	s = choice_join(CH_HARDSHIP, 1u << 8 | 1u << 0, true);
	assert_string_equal(s, "独居、低保");
	free(s);
	assert_int_equal(i18n_init("en"), 0);
	assert_string_equal(choice_display(CH_VISIT_MODE, MODE_HOME),
	    "Home visit");
	assert_string_equal(choice_display(CH_STATUS, STATUS_DECEASED),
	    "Deceased");
	s = choice_join(CH_HARDSHIP, 1u << 8 | 1u << 0, true);
	assert_string_equal(s, "Lives alone、Minimum living allowance");
	free(s);
	/* Storage never follows the UI language. */
	s = choice_join(CH_HARDSHIP, 1u << 0, false);
	assert_string_equal(s, "独居");
	free(s);
	assert_int_equal(i18n_init("zh_CN"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_fixed_indices),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_parse_multi),
		cmocka_unit_test(test_join_display),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
