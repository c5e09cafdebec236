/* labels.h: the fixed choice lists of the data model (SPEC), one table.
 *
 * The database and CSV files hold the Chinese label (SPEC: "choice values as
 * the Chinese labels above"); input also accepts the English code
 * (case-insensitive), so scripts may write either.  Screens show
 * choice_display(): the Chinese label, or the English one when the UI
 * language is English.  Multi-valued fields are bit masks in memory and
 * labels joined with "、" in storage. */
#ifndef HEARTH_LABELS_H
#define HEARTH_LABELS_H

#include <stdbool.h>

enum choice_kind {
	CH_GENDER,	/* 男 male, 女 female */
	CH_HARDSHIP,	/* 独居 空巢 留守 失能 重残 计划生育特殊家庭 高龄 分散供养特困 低保 其他 */
	CH_LIVING,	/* 独居 alone, 与配偶同住 with spouse, 与子女同住 with children, 与其他亲属同住, 其他 */
	CH_ABILITY,	/* GB/T 42195-2022: 0 能力完好 .. 4 能力完全丧失 */
	CH_RISK,	/* 高 high (weekly), 重点 focus (twice a month), 一般 normal (monthly) */
	CH_STATUS,	/* 在册 active, 迁出 moved out, 入住机构 in an institution, 死亡 deceased */
	CH_VISIT_MODE,	/* 上门 home, 电话 phone, 视频 video, 远程监测 remote monitoring, 其他 other */
	CH_OUTCOME,	/* 正常 normal, 未见到 not found, 拒绝 refused, 发现风险 risk found */
	CH_SERVICE,	/* 问安 陪伴聊天 随手家务 政策讲解 需求转介 应急帮扶 */
	CH_YESNO,	/* 是 yes, 否 no */
	CH_MEAL_SLOT,	/* 早 午 晚 (multi for a site's slots) */
	CH_MEAL_MODE,	/* 堂食 dine-in, 送餐 delivered, 自取 pick-up */
	CH_VERIFICATION,	/* 刷卡 card, 人脸 face, 签字 signature, 代领 proxy */
	CH_CHILD_FLAG,	/* 早产 低体重 留守 困境 残疾 其他 */
	CH_CHILD_STATUS,	/* 在册 active, 结案 closed, 迁出 moved out */
	CH_RELATION,	/* caregiver: 母亲 父亲 祖父母 外祖父母 其他亲属 其他 */
	CH_GUIDANCE_FORM,	/* 入户 电话视频 父母课堂 亲子活动 随访 */
	CH_TOPIC,	/* 生长发育 营养与喂养 交流与玩耍 生活照护 伤害预防
			   常见病防控 预防接种提醒 */
	CH__COUNT
};

/* Fixed indices that code depends on. */
enum { GENDER_MALE = 0, GENDER_FEMALE = 1 };
enum { RISK_HIGH = 0, RISK_FOCUS = 1, RISK_NORMAL = 2 };
enum { STATUS_ACTIVE = 0, STATUS_MOVED = 1, STATUS_INSTITUTION = 2, STATUS_DECEASED = 3 };
enum { MODE_HOME = 0, MODE_PHONE = 1, MODE_VIDEO = 2, MODE_REMOTE = 3, MODE_OTHER = 4 };
enum { OUTCOME_NORMAL = 0, OUTCOME_NOT_FOUND = 1, OUTCOME_REFUSED = 2, OUTCOME_RISK = 3 };
enum { SLOT_BREAKFAST = 0, SLOT_LUNCH = 1, SLOT_SUPPER = 2 };
enum { MEAL_DINE_IN = 0, MEAL_DELIVERED = 1, MEAL_PICK_UP = 2 };
enum { VERIFY_CARD = 0, VERIFY_FACE = 1, VERIFY_SIGNATURE = 2, VERIFY_PROXY = 3 };
enum { CHILD_ACTIVE = 0, CHILD_CLOSED = 1, CHILD_MOVED = 2 };

/* Number of choices of KIND. */
int choice_count(enum choice_kind kind);

/* True if I is a choice of KIND. */
bool choice_valid(enum choice_kind kind, int i);

/* The stored Chinese label of choice I, or NULL if out of range. */
const char *choice_label(enum choice_kind kind, int i);

/* The English code of choice I ("home", "phone"...). */
const char *choice_code(enum choice_kind kind, int i);

/* What the screen shows in the current UI language. */
const char *choice_display(enum choice_kind kind, int i);

/* Index of the choice whose label or code is TEXT (surrounding spaces
 * ignored; for CH_ABILITY also "0".."4"; for CH_YESNO also
 * y/n/1/0/true/false/有/无), or -1. */
int choice_find(enum choice_kind kind, const char *text);

/* Parse a multi-value field split on 、 ; | , (and full-width ，；) into
 * a bit mask.  Unknown items: -1 and *CAUSE names the item and lists the
 * allowed labels. Empty TEXT gives 0. */
int choice_parse_multi(enum choice_kind kind, const char *text,
    unsigned *mask, char **cause);

/* The labels of MASK joined with "、" (malloc'd; "" for 0).  DISPLAY picks
 * choice_display() instead of the stored label. */
char *choice_join(enum choice_kind kind, unsigned mask, bool display);

/* "a、b、c" of every label of KIND, for error messages (malloc'd). */
char *choice_list(enum choice_kind kind);

#endif
