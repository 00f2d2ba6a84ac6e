package org.airesilience.sample;

import java.util.SplittableRandom;

/** Names of inventors and applicant organisations. */
final class Names {
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾田董潘袁蔡蒋余杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯尹薛闫段雷黎史陶贺毛郝顾龚邵万覃钱戴严莫孔向常汤";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇浩然子涵欣怡晨阳俊文博志远思雨嘉琪晓东建国海燕立新春梅国庆振宁";
    private static final String[] BRANDS = {"华瑞", "中科", "博远", "恒通", "鑫达", "天正", "宏图", "金辉", "力诺", "卓越",
            "新源", "瑞丰", "汇能", "远景", "精工", "合力", "永泰", "正泰", "海普", "联创", "科达", "通达", "明阳", "佳讯"};
    private static final String[] TRADES = {"科技有限公司", "电子股份有限公司", "机械制造有限公司", "新材料有限公司",
            "装备有限公司", "信息技术有限公司", "精密制造有限公司", "能源科技有限公司", "电气有限公司", "汽车零部件有限公司"};
    private static final String[] SCHOOLS = {"理工大学", "科技大学", "工业大学", "大学", "职业技术学院"};

    private Names() {
    }

    static String person(SplittableRandom rnd) {
        StringBuilder s = new StringBuilder().append(SURNAMES.charAt(rnd.nextInt(SURNAMES.length())));
        int n = 1 + rnd.nextInt(2);
        for (int i = 0; i < n; i++) s.append(GIVEN.charAt(rnd.nextInt(GIVEN.length())));
        return s.toString();
    }

    /** A company (mostly) or a university named after a place. */
    static String organisation(String place, SplittableRandom rnd) {
        if (rnd.nextInt(5) == 0) return place + SCHOOLS[rnd.nextInt(SCHOOLS.length)];
        return place + BRANDS[rnd.nextInt(BRANDS.length)] + TRADES[rnd.nextInt(TRADES.length)];
    }
}
