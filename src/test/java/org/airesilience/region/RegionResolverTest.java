package org.airesilience.region;

import org.airesilience.region.RegionResolver.Resolution;
import org.airesilience.region.RegionResolver.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RegionResolverTest {
    private static final RegionResolver ALL = new RegionResolver(Gazetteer.load(), List.of());
    private static final RegionResolver PANEL = new RegionResolver(Gazetteer.load(),
            List.of("540000", "710000", "810000", "820000"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "100084 北京市海淀区清华园|110000|110100",
            "北京市朝阳区建国路88号|110000|110100",
            "北京海淀区中关村大街1号|110000|110100",
            "海淀区上地十街10号|110000|110100",
            "广东省深圳市南山区科技园中区科苑大道|440000|440300",
            "深圳市南山区高新区科技中一路腾讯大厦|440000|440300",
            "广东深圳市龙岗区坂田华为基地|440000|440300",
            "518057 广东省深圳市南山区|440000|440300",
            "内蒙古包头市昆都仑区|150000|150200",
            "内蒙古自治区呼和浩特市赛罕区|150000|150100",
            "内蒙呼和浩特市|150000|150100",
            "新疆乌鲁木齐|650000|650100",
            "新疆维吾尔自治区乌鲁木齐市天山区|650000|650100",
            "石河子市北四路|650000|-",
            "上海市浦东新区张江高科技园区|310000|310100",
            "上海浦东新区祖冲之路|310000|310100",
            "浦东新区博云路2号|310000|310100",
            "天津市滨海新区|120000|120100",
            "天津市河北区中山路|120000|120100",
            "重庆市渝北区|500000|500100",
            "江苏省苏州市工业园区星湖街328号|320000|320500",
            "苏州工业园区|320000|320500",
            "江苏省南京市鼓楼区中山北路|320000|320100",
            "昆山市玉山镇|320000|320500",
            "浙江省杭州市余杭区文一西路969号|330000|330100",
            "杭州市西湖区|330000|330100",
            "湖北省襄樊市|420000|420600",
            "襄阳市高新区|420000|420600",
            "湖北省武汉市东湖新技术开发区|420000|420100",
            "仙桃市|420000|-",
            "吉林省长春市朝阳区|220000|220100",
            "吉林市船营区|220000|220200",
            "辽宁省朝阳市双塔区|210000|211300",
            "青海省海南藏族自治州共和县|630000|632500",
            "海南州共和县|630000|632500",
            "海南省海口市美兰区|460000|460100",
            "三亚市吉阳区|460000|460200",
            "广西壮族自治区南宁市|450000|450100",
            "广西桂林市七星区|450000|450300",
            "宁夏银川市金凤区|640000|640100",
            "云南省普洱市思茅区|530000|530800",
            "云南思茅市|530000|530800",
            "贵州省毕节地区|520000|520500",
            "四川省成都市高新区天府大道|510000|510100",
            "成都市武侯区|510000|510100",
            "延边朝鲜族自治州延吉市|220000|222400",
            "延边州|220000|222400",
            "湘西州吉首市|430000|433100",
            "鄂尔多斯市康巴什区|150000|150600",
            "伊克昭盟东胜市|150000|150600",
            "山东省莱芜市|370000|370100",
            "安徽省巢湖市|340000|340100",
            "河南省郑州市金水区|410000|410100",
            "山西省太原市|140000|140100",
            "陕西省西安市雁塔区|610000|610100",
            "黑龙江省哈尔滨市南岗区|230000|230100",
            "福建省厦门市思明区|350000|350200",
            "江西省南昌市|360000|360100",
            "湖南省长沙市岳麓区|430000|430100",
            "甘肃省兰州市城关区|620000|620100",
            "河北省石家庄市|130000|130100",
            "安徽省合肥市高新区|340000|340100",
            "广州市天河区|440000|440100",
            "广东省广州市越秀区北京路|440000|440100",
            "东莞市松山湖|440000|441900",
            "中山市火炬开发区|440000|442000",
            "ＳＨＥＮＺＨＥＮ深圳市|440000|440300",
            "Haidian District, Beijing|110000|110100",
            "No. 1 Road, Hangzhou, Zhejiang|330000|-",
    })
    void resolvesAddresses(String address, String province, String city) {
        Resolution r = ALL.resolve(null, address, null);
        assertEquals(Status.RESOLVED, r.status(), r.toString());
        assertEquals(province, r.province(), address);
        assertEquals(city, r.city(), address);
        assertEquals("address", r.source());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"11|110000", "44|440000", "440000|440000", "广东|440000", "广东省|440000",
            "内蒙古|150000", "新疆|650000", " 32 |320000", "３２|320000",
            "'32\u3000'|320000", "320100|320000", "hk|810000"})
    void provinceCodeFieldComesFirst(String code, String province) {
        Resolution r = ALL.resolve(code, "北京市海淀区", null);
        assertEquals(province, r.province());
        assertEquals("province_code", r.source());
    }

    @Test
    void cityFromAddressMustLieInTheProvinceOfTheCodeField() {
        assertEquals("440300", ALL.resolve("44", "深圳市南山区", null).city());
        assertNull(ALL.resolve("44", "杭州市西湖区", null).city());
        assertEquals("440300", ALL.resolve("44", "某某路1号", "518057").city());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {"100084|110000|110100", "518057|440000|440300",
            "014010|150000|150200", "750306|150000|152900", "830000|650000|650100", "215123|320000|320500",
            "225300|320000|321200", "061000|130000|130900", "999077|810000|-"})
    void postalCodeIsTheLastResort(String postal, String province, String city) {
        Resolution r = ALL.resolve("", "某某路1号", postal);
        assertEquals(province, r.province());
        assertEquals(city, r.city());
        assertEquals("postal_code", r.source());
        assertEquals(province, ALL.resolve(null, postal + " 某某路", null).province());
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {"US|-", "JP|-", "日本|-", "美国|-", "KR|-",
            "-|日本东京都港区", "-|美国加利福尼亚州", "-|韩国首尔", "-|1 Microsoft Way, Redmond, WA, USA",
            "-|Tokyo, Japan", "-|英属维尔京群岛", "-|德国慕尼黑"})
    void foreignApplicantsAreOutOfScope(String code, String address) {
        Resolution r = PANEL.resolve(code, address, null);
        assertEquals(Status.OUT_OF_SCOPE, r.status(), r.toString());
        assertNull(r.province());
    }

    @Test
    void excludedProvincesAreOutOfScopeButStillNamed() {
        for (String[] c : new String[][]{{"西藏拉萨市城关区", "540000"}, {"香港九龙", "810000"},
                {"澳门特别行政区", "820000"}, {"台湾省台北市", "710000"}}) {
            Resolution r = PANEL.resolve(null, c[0], null);
            assertEquals(Status.OUT_OF_SCOPE, r.status(), c[0]);
            assertEquals(c[1], r.province());
            assertEquals(Status.RESOLVED, ALL.resolve(null, c[0], null).status());
        }
        assertEquals(Status.OUT_OF_SCOPE, PANEL.resolve("HK", null, null).status());
        assertEquals("810000", PANEL.resolve("HK", null, null).province());
    }

    @Test
    void innerMongoliaIsNotMongolia() {
        assertEquals(Status.RESOLVED, PANEL.resolve(null, "内蒙古包头市", null).status());
        assertEquals(Status.OUT_OF_SCOPE, PANEL.resolve(null, "蒙古国乌兰巴托", null).status());
    }

    @Test
    void streetNamesAreNotPlaces() {
        assertEquals(Status.UNRESOLVABLE, ALL.resolve(null, "中山路100号", null).status());
        assertEquals(Status.UNRESOLVABLE, ALL.resolve(null, "北京东路1号", null).status());
        assertEquals("440000", ALL.resolve(null, "中山市中山路100号", null).province());
    }

    @Test
    void nothingUsefulIsUnresolvable() {
        Resolution r = ALL.resolve("", "", "");
        assertEquals(Status.UNRESOLVABLE, r.status());
        assertEquals(Status.UNRESOLVABLE, ALL.resolve(null, null, null).status());
        assertEquals(Status.UNRESOLVABLE, ALL.resolve("CN", "科技园", "12345").status());
    }

    @Test
    void postalCodeInTheAddressIsARunOfExactlySixDigits() {
        assertEquals("postal_code", ALL.resolve(null, "某某路1号 100084", null).source());
        assertEquals("110000", ALL.resolve(null, "某某路1号100084号", null).province());
        assertEquals(Status.UNRESOLVABLE, ALL.resolve(null, "某某路1000840号", null).status());
        assertEquals(Status.UNRESOLVABLE, ALL.resolve(null, "某某路10008号", null).status());
        assertEquals("440000", ALL.resolve(null, "某某路1000840号 518057", null).province());
        assertEquals("440000", ALL.resolve(null, "某某路", "５１８ ０５７").province());
        assertEquals("440000", ALL.resolve(null, "某某路 518057", "10008").province());
    }

    @Test
    void normalizeIsHalfWidthLowerCaseWithSingleSpaces() {
        assertEquals("tokyo, japan", RegionResolver.normalize("\u3000ＴＯＫＹＯ,\t\u00A0 Japan\u0001"));
        assertEquals("北京市 海淀区", RegionResolver.normalize("北京市\u3000\u3000海淀区"));
        assertEquals("", RegionResolver.normalize(null));
        assertEquals("", RegionResolver.normalize(" \t\n"));
    }

    @Test
    void coApplicantNames() {
        assertEquals("440000", ALL.provinceNamedIn("深圳市腾讯计算机系统有限公司"));
        assertEquals("110000", ALL.provinceNamedIn("北京百度网讯科技有限公司"));
        assertNull(ALL.provinceNamedIn("清华大学"));
    }
}
