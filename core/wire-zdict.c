/* wire-zdict.c: the preset dictionary of a batch's zlib stream.
 *
 * deflate can refer back to these bytes from the first byte of a batch,
 * which matters for the small batches of a kiosk that syncs often (a big
 * batch soon has its own history to refer to).  They are what every batch
 * holds: the export column names, the choice labels of SPEC, the words of
 * the five visit areas.  Deliberately not the demo's sentences: the
 * benchmark draws from those and would flatter the dictionary.  The most
 * frequent strings come last (deflate's shortest distances).
 *
 * Frozen: a batch names its dictionary by zlib's checksum of these bytes
 * (FDICT), and a decoder has only this one, so changing a byte is a new
 * major version of the format (doc/sync.md). */
#include "core/wire-format.h"

const unsigned char wire_zdict[] =
	/* columns of the other kinds, then of elders and visits */
	"site served_on slot portions price_fen subsidy_fen self_paid_fen "
	"verification proxy_name caregiver caregiver_relation "
	"caregiver_phone flags child_uid child_name held_at form provider "
	"topics age_months next_date created_at created_by updated_at "
	"emergency_contact emergency_phone division_code address "
	"hardship_types living ability_level risk_tier status visit_consent "
	"status_date registered_on birth_date gender id_number phone name "
	"elder_id_number elder_name visited_at mode visitor contacted "
	"services health needs emergency referral follow_up_date note "
	"outcome economy family safety emergency_action uid"
	/* choice labels, rarer kinds first */
	"生长发育营养与喂养交流与玩耍生活照护伤害预防常见病防控预防接种提醒"
	"入户电话视频父母课堂亲子活动随访母亲父亲祖父母外祖父母其他亲属"
	"早产低体重困境残疾结案堂食送餐自取刷卡人脸签字代领早午晚"
	"计划生育特殊家庭分散供养特困重残失能留守空巢"
	"与其他亲属同住与子女同住与配偶同住"
	"能力完全丧失能力重度受损能力中度受损能力轻度受损能力完好"
	"入住机构迁出死亡远程监测"
	"拒绝未见到发现风险应急帮扶需求转介政策讲解随手家务"
	/* words of the five areas (FIELD-NOTES.md) */
	"村委会镇民政办县医院子女儿子女儿老伴孙子邻居"
	"养老金高龄补贴低保金医保报销助餐幸福食堂"
	"扶手防滑燃气电线取暖漏雨修缮轮椅理发买药"
	"血压血糖降压药感冒腿脚睡眠精神状态身体情绪"
	"已告知已联系已提醒需要希望建议按时定期每周每月"
	/* the commonest values */
	"高重点一般在册独居低保高龄男女电话上门"
	"正常陪伴聊天问安、是否";
const size_t wire_zdict_len = sizeof wire_zdict - 1;
