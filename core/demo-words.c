/* demo-words.c: the word lists demo_generate() draws from.
 *
 * Surname weights follow their frequency in China (per mille, rounded up
 * to 1 for the rare ones), so a demo village looks like a real one; the
 * polyphone surnames (单 曾 解 仇 朴 乐 查 区 覃) are there to exercise pinyin
 * search.  Given names are those of people born 1925-1965, the generation
 * on a rural elder register; the emergency contacts are their children's
 * generation.  The texts are what volunteers write in the five areas of a
 * visit (FIELD-NOTES.md), short and plain. */
#include "core/demo.h"

#define WORDS(a) { a, sizeof a / sizeof a[0] }

static const struct demo_word surnames[] = {
	{ "王", 72 }, { "李", 72 }, { "张", 68 }, { "刘", 54 }, { "陈", 45 },
	{ "杨", 33 }, { "黄", 23 }, { "赵", 22 }, { "吴", 20 }, { "周", 19 },
	{ "徐", 14 }, { "孙", 13 }, { "马", 12 }, { "朱", 12 }, { "胡", 11 },
	{ "郭", 10 }, { "何", 9 }, { "林", 9 }, { "高", 9 }, { "罗", 9 },
	{ "郑", 8 }, { "梁", 7 }, { "谢", 6 }, { "宋", 5 }, { "唐", 5 },
	{ "许", 5 }, { "韩", 5 }, { "冯", 5 }, { "邓", 5 }, { "曹", 5 },
	{ "彭", 4 }, { "曾", 4 }, { "肖", 4 }, { "田", 4 }, { "董", 4 },
	{ "潘", 3 }, { "袁", 3 }, { "蔡", 3 }, { "蒋", 3 }, { "余", 3 },
	{ "于", 3 }, { "杜", 3 }, { "叶", 3 }, { "程", 3 }, { "魏", 3 },
	{ "苏", 3 }, { "吕", 3 }, { "丁", 3 }, { "任", 3 }, { "沈", 2 },
	{ "姚", 2 }, { "卢", 2 }, { "姜", 2 }, { "崔", 2 }, { "钟", 2 },
	{ "谭", 2 }, { "陆", 2 }, { "汪", 2 }, { "范", 2 }, { "金", 2 },
	{ "石", 2 }, { "廖", 2 }, { "贾", 2 }, { "夏", 2 }, { "付", 2 },
	{ "方", 2 }, { "白", 2 }, { "邹", 2 }, { "孟", 2 }, { "熊", 2 },
	{ "秦", 2 }, { "邱", 2 }, { "江", 2 }, { "尹", 2 }, { "薛", 1 },
	{ "段", 1 }, { "雷", 1 }, { "侯", 1 }, { "龙", 1 }, { "史", 1 },
	{ "陶", 1 }, { "贺", 1 }, { "顾", 1 }, { "毛", 1 }, { "郝", 1 },
	{ "龚", 1 }, { "邵", 1 }, { "万", 1 }, { "单", 1 }, { "解", 1 },
	{ "仇", 1 }, { "朴", 1 }, { "乐", 1 }, { "查", 1 }, { "区", 1 },
	{ "覃", 1 }, { "欧阳", 1 },
};

static const struct demo_word male_given[] = {
	{ "建国", 6 }, { "国庆", 3 }, { "建华", 4 }, { "国华", 4 },
	{ "德明", 3 }, { "志强", 3 }, { "福生", 3 }, { "长贵", 2 },
	{ "保山", 2 }, { "玉林", 2 }, { "春生", 3 }, { "金山", 2 },
	{ "德胜", 2 }, { "永福", 2 }, { "学文", 2 }, { "守仁", 1 },
	{ "树林", 2 }, { "广才", 1 }, { "有田", 2 }, { "振华", 2 },
	{ "文明", 2 }, { "明德", 1 }, { "卫东", 2 }, { "建军", 3 },
	{ "胜利", 2 }, { "解放", 2 }, { "援朝", 1 }, { "新民", 2 },
	{ "富贵", 2 }, { "来福", 2 }, { "进才", 1 }, { "满仓", 2 },
	{ "春来", 2 }, { "冬生", 2 }, { "水生", 2 }, { "根生", 2 },
	{ "庆丰", 1 }, { "家顺", 1 }, { "世荣", 1 }, { "光明", 2 },
	{ "秉文", 1 }, { "洪亮", 1 }, { "立新", 1 }, { "𠮷祥", 1 },
};

static const struct demo_word female_given[] = {
	{ "秀英", 8 }, { "桂兰", 5 }, { "玉兰", 5 }, { "秀兰", 4 },
	{ "凤英", 4 }, { "淑珍", 3 }, { "桂英", 4 }, { "兰英", 3 },
	{ "春花", 3 }, { "翠萍", 2 }, { "素芬", 2 }, { "金凤", 2 },
	{ "玉梅", 3 }, { "秀珍", 3 }, { "月娥", 2 }, { "冬梅", 2 },
	{ "桂芳", 3 }, { "玉珍", 3 }, { "淑英", 3 }, { "秀云", 3 },
	{ "凤兰", 2 }, { "桂香", 2 }, { "玉英", 3 }, { "翠花", 2 },
	{ "彩云", 2 }, { "爱莲", 2 }, { "秀芳", 2 }, { "秀梅", 2 },
	{ "兰芝", 1 }, { "素珍", 2 }, { "美兰", 2 }, { "巧云", 1 },
	{ "小妹", 1 }, { "招娣", 1 }, { "来娣", 1 }, { "菊香", 2 },
	{ "梅英", 2 }, { "银花", 1 }, { "金花", 2 }, { "玉芝", 1 },
};

/* Given names of one character; a few rare ones (堃 喆 淼 and 𠮷, outside
 * the BMP) so that every layer meets them in the demo. */
static const struct demo_word single_given[] = {
	{ "勇", 3 }, { "华", 4 }, { "明", 3 }, { "刚", 3 }, { "强", 2 },
	{ "林", 2 }, { "军", 2 }, { "斌", 1 }, { "英", 4 }, { "兰", 4 },
	{ "珍", 3 }, { "芳", 3 }, { "梅", 3 }, { "霞", 2 }, { "萍", 2 },
	{ "娟", 2 }, { "福", 2 }, { "贵", 2 }, { "堃", 1 }, { "喆", 1 },
	{ "淼", 1 }, { "𠮷", 1 },
};

static const struct demo_word child_given[] = {
	{ "伟", 3 }, { "强", 3 }, { "磊", 2 }, { "军", 3 }, { "洋", 2 },
	{ "勇", 2 }, { "杰", 2 }, { "涛", 2 }, { "娟", 2 }, { "丽", 3 },
	{ "静", 2 }, { "敏", 2 }, { "燕", 2 }, { "艳", 2 }, { "红", 2 },
	{ "建军", 2 }, { "建平", 2 }, { "海燕", 2 }, { "丽娟", 2 },
	{ "志刚", 2 }, { "红梅", 2 }, { "晓东", 2 }, { "春燕", 2 },
	{ "小军", 1 }, { "卫红", 1 }, { "海军", 1 }, { "秀丽", 1 },
};

static const struct demo_word health[] = {
	{ "精神状态良好，血压平稳", 10 },
	{ "身体硬朗，还能下地种菜", 5 },
	{ "按时服降压药，状态稳定", 6 },
	{ "腿脚不便，行走需拄拐", 4 },
	{ "感冒刚好，胃口一般", 2 },
	{ "睡眠不好，夜里常醒", 3 },
	{ "记性变差，需提醒按时吃药", 3 },
	{ "糖尿病，血糖控制尚可", 3 },
	{ "耳背，说话要大声，精神不错", 3 },
	{ "腰疼又犯了，已贴膏药", 2 },
	{ "情绪低落，说想孩子", 2 },
	{ "卧床，由老伴照顾，皮肤完好", 1 },
};

static const struct demo_word needs[] = {
	{ "", 30 },
	{ "希望有人帮忙去镇上买药", 3 },
	{ "需要上门理发", 2 },
	{ "想申请助餐，到幸福食堂吃午饭", 3 },
	{ "屋顶漏雨，需修缮", 1 },
	{ "需要一辆轮椅", 1 },
	{ "咨询高龄补贴怎么办理", 2 },
	{ "希望定期量血压", 2 },
	{ "电视坏了，想找人看看", 1 },
};

static const struct demo_word safety[] = {
	{ "", 40 },
	{ "卫生间地滑，建议加装扶手", 2 },
	{ "电线老化，已告知村委会", 1 },
	{ "冬天烧煤取暖，已提醒开窗通风", 2 },
	{ "门前台阶无扶手，夜里看不清", 1 },
	{ "燃气灶软管老化，已联系更换", 1 },
};

static const struct demo_word economy[] = {
	{ "", 30 },
	{ "低保金按月到账", 3 },
	{ "高龄补贴已发放", 3 },
	{ "靠养老金和儿女接济，生活过得去", 3 },
	{ "看病开销大，手头紧", 1 },
};

static const struct demo_word family[] = {
	{ "", 30 },
	{ "儿子在外打工，每周打一次电话", 4 },
	{ "女儿每周回来一次", 3 },
	{ "与老伴相互照顾", 4 },
	{ "子女都在县城，逢年过节回来", 2 },
	{ "无子女，侄子偶尔来看望", 1 },
};

static const struct demo_word elder_notes[] = {
	{ "", 40 },
	{ "耳背，说话要大声", 2 },
	{ "有高血压，每天服药", 3 },
	{ "子女在外地打工，每月电话联系", 2 },
	{ "白天常在村口小卖部坐着", 1 },
	{ "养了一条狗，上门时先喊一声", 1 },
	{ "只会说方言", 1 },
};

/* The station's volunteers and workers; 张丽 is the demo login zhangli. */
static const struct demo_word visitors[] = {
	{ "张丽", 5 }, { "王芳", 4 }, { "李建华", 3 }, { "刘红梅", 3 },
	{ "陈志刚", 2 }, { "杨秀云", 2 }, { "赵卫东", 1 },
};

const struct demo_words demo_surnames = WORDS(surnames);
const struct demo_words demo_male_given = WORDS(male_given);
const struct demo_words demo_female_given = WORDS(female_given);
const struct demo_words demo_single_given = WORDS(single_given);
const struct demo_words demo_child_given = WORDS(child_given);
const struct demo_words demo_health = WORDS(health);
const struct demo_words demo_needs = WORDS(needs);
const struct demo_words demo_safety = WORDS(safety);
const struct demo_words demo_economy = WORDS(economy);
const struct demo_words demo_family = WORDS(family);
const struct demo_words demo_elder_notes = WORDS(elder_notes);
const struct demo_words demo_visitors = WORDS(visitors);

/* A county of Henan (信阳市新县: 411523, telephone area 0376), with two
 * made-up towns and their villages; 12-digit codes as the statistics
 * bureau writes them: town 1xx for 镇 and 2xx for 乡, village 0xx for
 * 社区 (residents' committees) and 2xx for 村. */
const char demo_county_code[7] = "411523";
const char demo_county_name[] = "新县";
const char demo_area_code[] = "0376";

const struct demo_town demo_towns[] = {
	{ "101", "河东镇" },
	{ "201", "王岗乡" },
};
const size_t demo_ntowns = sizeof demo_towns / sizeof demo_towns[0];

const struct demo_village demo_villages[] = {
	{ "101001", "河东社区", NULL, 5 },
	{ "101201", "李家村", "李", 4 },
	{ "101202", "王庄村", "王", 3 },
	{ "101203", "张湾村", "张", 3 },
	{ "201201", "王岗村", "王", 3 },
	{ "201202", "刘楼村", "刘", 2 },
	{ "201203", "陈家畈村", "陈", 2 },
};
const size_t demo_nvillages = sizeof demo_villages / sizeof demo_villages[0];
