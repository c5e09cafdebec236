/* labels.c: the choice tables of the data model (SPEC) and their parsing.
 *
 * Each choice has its stored Chinese label (SPEC's wording, exactly), an
 * English code for scripts and a readable English label for the English
 * UI.  The English labels are not gettext strings: they are shown only when
 * the UI language is English, and the Chinese label is the msgid the
 * database already holds. */
#include "core/labels.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/validate.h"

struct choice {
	const char *label;	/* stored, Chinese */
	const char *code;	/* English code */
	const char *english;	/* shown in the English UI */
};

static const struct choice gender[] = {
	{ "男", "male", "Male" },
	{ "女", "female", "Female" },
};

static const struct choice hardship[] = {
	{ "独居", "alone", "Lives alone" },
	{ "空巢", "empty_nest", "Empty nest" },
	{ "留守", "left_behind", "Left behind" },
	{ "失能", "disabled", "Lost abilities" },
	{ "重残", "severe_disability", "Severe disability" },
	{ "计划生育特殊家庭", "family_planning", "Family-planning special family" },
	{ "高龄", "very_old", "Very old" },
	{ "分散供养特困", "dispersed_support", "Extreme poverty (supported at home)" },
	{ "低保", "dibao", "Minimum living allowance" },
	{ "其他", "other", "Other" },
};

static const struct choice living[] = {
	{ "独居", "alone", "Alone" },
	{ "与配偶同住", "spouse", "With spouse" },
	{ "与子女同住", "children", "With children" },
	{ "与其他亲属同住", "relatives", "With other relatives" },
	{ "其他", "other", "Other" },
};

/* GB/T 42195-2022 ability levels, index = level. */
static const struct choice ability[] = {
	{ "能力完好", "intact", "Abilities intact" },
	{ "能力轻度受损", "mild", "Mildly impaired" },
	{ "能力中度受损", "moderate", "Moderately impaired" },
	{ "能力重度受损", "severe", "Severely impaired" },
	{ "能力完全丧失", "total", "Abilities lost" },
};

static const struct choice risk[] = {
	{ "高", "high", "High (weekly)" },
	{ "重点", "focus", "Focus (twice a month)" },
	{ "一般", "normal", "Normal (monthly)" },
};

static const struct choice status[] = {
	{ "在册", "active", "Active" },
	{ "迁出", "moved", "Moved out" },
	{ "入住机构", "institution", "In an institution" },
	{ "死亡", "deceased", "Deceased" },
};

static const struct choice visit_mode[] = {
	{ "上门", "home", "Home visit" },
	{ "电话", "phone", "Phone" },
	{ "视频", "video", "Video" },
	{ "远程监测", "remote", "Remote monitoring" },
	{ "其他", "other", "Other" },
};

static const struct choice outcome[] = {
	{ "正常", "normal", "Normal" },
	{ "未见到", "not_found", "Not found" },
	{ "拒绝", "refused", "Refused" },
	{ "发现风险", "risk", "Risk found" },
};

static const struct choice service[] = {
	{ "问安", "greeting", "Greeting" },
	{ "陪伴聊天", "company", "Company and chat" },
	{ "随手家务", "housework", "Light housework" },
	{ "政策讲解", "policy", "Explaining policies" },
	{ "需求转介", "referral", "Referral" },
	{ "应急帮扶", "emergency", "Emergency help" },
};

static const struct choice yesno[] = {
	{ "是", "yes", "Yes" },
	{ "否", "no", "No" },
};

static const struct choice meal_slot[] = {
	{ "早", "breakfast", "Breakfast" },
	{ "午", "lunch", "Lunch" },
	{ "晚", "supper", "Supper" },
};

static const struct choice meal_mode[] = {
	{ "堂食", "dine_in", "Dine in" },
	{ "送餐", "delivered", "Delivered" },
	{ "自取", "pick_up", "Pick-up" },
};

/* How a serving was confirmed (FIELD-NOTES): card, face, signature, or
 * collected by a named proxy. */
static const struct choice verification[] = {
	{ "刷卡", "card", "Card" },
	{ "人脸", "face", "Face" },
	{ "签字", "signature", "Signature" },
	{ "代领", "proxy", "Collected by proxy" },
};

static const struct choice child_flag[] = {
	{ "早产", "premature", "Premature" },
	{ "低体重", "low_weight", "Low birth weight" },
	{ "留守", "left_behind", "Left behind" },
	{ "困境", "hardship", "Hardship" },
	{ "残疾", "disability", "Disability" },
	{ "其他", "other", "Other" },
};

/* 结案 is never stored for a child under three: a child becomes 结案 on
 * the third birthday by date alone (core/child.c). */
static const struct choice child_status[] = {
	{ "在册", "active", "Active" },
	{ "结案", "closed", "Closed" },
	{ "迁出", "moved", "Moved out" },
};

static const struct choice relation[] = {
	{ "母亲", "mother", "Mother" },
	{ "父亲", "father", "Father" },
	{ "祖父母", "grandparent", "Grandparent (father's side)" },
	{ "外祖父母", "maternal_grandparent", "Grandparent (mother's side)" },
	{ "其他亲属", "relative", "Other relative" },
	{ "其他", "other", "Other" },
};

static const struct choice guidance_form[] = {
	{ "入户", "home", "Home visit" },
	{ "电话视频", "remote", "Phone or video" },
	{ "父母课堂", "class", "Parents' class" },
	{ "亲子活动", "activity", "Parent-child activity" },
	{ "随访", "follow_up", "Follow-up" },
};

/* The national guide's topics for children under three. */
static const struct choice topic[] = {
	{ "生长发育", "growth", "Growth and development" },
	{ "营养与喂养", "feeding", "Nutrition and feeding" },
	{ "交流与玩耍", "play", "Communication and play" },
	{ "生活照护", "care", "Daily care" },
	{ "伤害预防", "injury", "Injury prevention" },
	{ "常见病防控", "illness", "Common illness" },
	{ "预防接种提醒", "vaccination", "Vaccination reminder" },
};

#define TABLE(t) { t, (int)(sizeof t / sizeof t[0]) }
static const struct {
	const struct choice *choices;
	int count;
} tables[CH__COUNT] = {
	[CH_GENDER] = TABLE(gender),
	[CH_HARDSHIP] = TABLE(hardship),
	[CH_LIVING] = TABLE(living),
	[CH_ABILITY] = TABLE(ability),
	[CH_RISK] = TABLE(risk),
	[CH_STATUS] = TABLE(status),
	[CH_VISIT_MODE] = TABLE(visit_mode),
	[CH_OUTCOME] = TABLE(outcome),
	[CH_SERVICE] = TABLE(service),
	[CH_YESNO] = TABLE(yesno),
	[CH_MEAL_SLOT] = TABLE(meal_slot),
	[CH_MEAL_MODE] = TABLE(meal_mode),
	[CH_VERIFICATION] = TABLE(verification),
	[CH_CHILD_FLAG] = TABLE(child_flag),
	[CH_CHILD_STATUS] = TABLE(child_status),
	[CH_RELATION] = TABLE(relation),
	[CH_GUIDANCE_FORM] = TABLE(guidance_form),
	[CH_TOPIC] = TABLE(topic),
};

/* Multi-value masks are unsigned: no table may outgrow them. */
_Static_assert(sizeof hardship / sizeof hardship[0] <= sizeof(unsigned) * 8,
    "hardship mask");
_Static_assert(sizeof service / sizeof service[0] <= sizeof(unsigned) * 8,
    "service mask");
_Static_assert(sizeof meal_slot / sizeof meal_slot[0] <= sizeof(unsigned) * 8,
    "slot mask");
_Static_assert(sizeof child_flag / sizeof child_flag[0] <=
    sizeof(unsigned) * 8, "child flag mask");
_Static_assert(sizeof topic / sizeof topic[0] <= sizeof(unsigned) * 8,
    "topic mask");

static const struct choice *
choice_get(enum choice_kind kind, int i)
{
	if ((unsigned)kind >= CH__COUNT || i < 0 || i >= tables[kind].count)
		return NULL;
	return &tables[kind].choices[i];
}

bool
choice_valid(enum choice_kind kind, int i)
{
	return choice_get(kind, i) != NULL;
}

int
choice_count(enum choice_kind kind)
{
	if ((unsigned)kind >= CH__COUNT)
		return 0;
	return tables[kind].count;
}

const char *
choice_label(enum choice_kind kind, int i)
{
	const struct choice *c = choice_get(kind, i);

	return c != NULL ? c->label : NULL;
}

const char *
choice_code(enum choice_kind kind, int i)
{
	const struct choice *c = choice_get(kind, i);

	return c != NULL ? c->code : NULL;
}

const char *
choice_display(enum choice_kind kind, int i)
{
	const struct choice *c = choice_get(kind, i);

	if (c == NULL)
		return NULL;
	return strcmp(i18n_lang(), "en") == 0 ? c->english : c->label;
}

/* The extra spellings CH_YESNO accepts, by index. */
static int
yesno_alias(const char *s, size_t len)
{
	static const char *const yes[] = { "y", "1", "true", "有" };
	static const char *const no[] = { "n", "0", "false", "无" };
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strlen(yes[i]) == len && strncasecmp(s, yes[i], len) == 0)
			return 0;
		if (strlen(no[i]) == len && strncasecmp(s, no[i], len) == 0)
			return 1;
	}
	return -1;
}

/* choice_find on S[0..LEN), already trimmed. */
static int
choice_find_span(enum choice_kind kind, const char *s, size_t len)
{
	const struct choice *c;
	int i;

	if ((unsigned)kind >= CH__COUNT || len == 0)
		return -1;
	for (i = 0; i < tables[kind].count; i++) {
		c = &tables[kind].choices[i];
		if (strlen(c->label) == len && memcmp(s, c->label, len) == 0)
			return i;
		if (strlen(c->code) == len && strncasecmp(s, c->code, len) == 0)
			return i;
	}
	if (kind == CH_ABILITY && len == 1 && s[0] >= '0' && s[0] <= '4')
		return s[0] - '0';
	if (kind == CH_YESNO)
		return yesno_alias(s, len);
	return -1;
}

int
choice_find(enum choice_kind kind, const char *text)
{
	size_t len;

	if (text == NULL)
		return -1;
	len = strlen(text);
	text = validate_trim_span(text, &len);
	return choice_find_span(kind, text, len);
}

/* Length of the separator at the front of S, or 0: 、 ; | , and the
 * full-width ， ； that Chinese input methods type. */
static size_t
separator_len(const char *s)
{
	static const char *const seps[] = { "、", "，", "；", ";", "|", "," };
	size_t i, n;

	for (i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		n = strlen(seps[i]);
		if (strncmp(s, seps[i], n) == 0)
			return n;
	}
	return 0;
}

int
choice_parse_multi(enum choice_kind kind, const char *text, unsigned *mask,
    char **cause)
{
	const char *p, *start, *item;
	size_t n, len;
	char *list;
	int i;

	*mask = 0;
	if (text == NULL)
		return 0;
	p = start = text;
	for (;;) {
		n = *p == '\0' ? 0 : separator_len(p);
		if (*p != '\0' && n == 0) {
			p++;
			continue;
		}
		len = (size_t)(p - start);
		item = validate_trim_span(start, &len);
		/* Empty items ("a、、b", a trailing comma) are typing slips,
		 * not choices. */
		if (len > 0) {
			if ((i = choice_find_span(kind, item, len)) < 0) {
				list = choice_list(kind);
				err_set(cause, _("\"%.*s\" is not one of: %s"),
				    (int)len, item, list != NULL ? list : "");
				free(list);
				*mask = 0;
				return -1;
			}
			*mask |= 1u << i;
		}
		if (*p == '\0')
			break;
		p += n;
		start = p;
	}
	return 0;
}

/* Join the choices of KIND picked by MASK (all when MASK is ~0u) with
 * "、". */
static char *
choice_join_any(enum choice_kind kind, unsigned mask, bool display)
{
	static const char sep[] = "、";
	const char *s;
	size_t len = 1, off = 0;
	char *out;
	int i;

	for (i = 0; i < choice_count(kind); i++) {
		if (mask & (1u << i))
			len += strlen(choice_label(kind, i)) +
			    strlen(choice_get(kind, i)->english) + sizeof sep;
	}
	if ((out = malloc(len)) == NULL)
		return NULL;
	for (i = 0; i < choice_count(kind); i++) {
		if (!(mask & (1u << i)))
			continue;
		s = display ? choice_display(kind, i) : choice_label(kind, i);
		if (off > 0) {
			memcpy(out + off, sep, sizeof sep - 1);
			off += sizeof sep - 1;
		}
		memcpy(out + off, s, strlen(s));
		off += strlen(s);
	}
	out[off] = '\0';
	return out;
}

char *
choice_join(enum choice_kind kind, unsigned mask, bool display)
{
	return choice_join_any(kind, mask, display);
}

char *
choice_list(enum choice_kind kind)
{
	return choice_join_any(kind, ~0u, false);
}
