package org.airesilience.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One yearbook indicator of the panel contract (docs: PANEL_CONTRACT in the panel layer's catalogue
 * {@code conf/indicators.conf}): id, Chinese name, canonical unit and the number of decimals the generator keeps in
 * that unit (so every value it writes is an exact decimal).
 *
 * @param unit canonical unit as a yearbook writes it ("" for shares and the price index, whose cells carry no unit)
 */
record YearbookIndicator(String id, String name, String unit, int decimals) {
    static final String MONEY = "亿元";
    static final String PEOPLE = "万人";

    static final List<YearbookIndicator> PROVINCE = List.of(
            money("foreign_ind_assets", "外商及港澳台商投资工业企业资产总计"),
            money("ind_assets", "规模以上工业企业资产总计"),
            money("tech_import_exp", "工业企业技术引进经费支出"),
            money("tech_purchase_domestic_exp", "工业企业购买国内技术经费支出"),
            money("tech_digestion_exp", "工业企业消化吸收经费支出"),
            money("tech_renovation_exp", "工业企业技术改造经费支出"),
            money("ind_rd_exp", "工业企业R&D经费内部支出"),
            money("ind_revenue", "规模以上工业企业主营业务收入"),
            money("soe_ind_assets", "国有控股工业企业资产总计"),
            money("mfg_operating_profit", "制造业营业利润"),
            money("mfg_revenue", "制造业主营业务收入"),
            money("mfg_loss", "制造业亏损企业亏损总额"),
            money("mfg_profit", "制造业利润总额"),
            money("mfg_assets", "制造业资产总计"),
            money("hightech_revenue", "高技术产业主营业务收入"),
            new YearbookIndicator("ppi", "工业生产者出厂价格指数(上年=100)", "", 1),
            money("mfg_fai", "制造业全社会固定资产投资"),
            people("mfg_employment", "制造业平均用工人数"),
            people("total_employment", "就业人员总数"),
            money("industrial_va", "工业增加值"),
            money("new_product_sales", "工业企业新产品销售收入"),
            money("new_product_dev_exp", "工业企业新产品开发经费支出"),
            people("producer_services_employment", "生产性服务业城镇单位就业人员"),
            people("mfg_urban_employment", "制造业城镇单位就业人员"),
            money("hightech_new_product_sales", "高技术产业新产品销售收入"),
            money("electronics_revenue", "电子信息制造业主营业务收入"),
            new YearbookIndicator("energy_consumption", "能源消费总量", "万吨标准煤", 2),
            new YearbookIndicator("rd_personnel_fte", "工业企业R&D人员全时当量", "人年", 0),
            new YearbookIndicator("invention_patents", "工业企业有效发明专利数", "件", 0),
            money("gdp", "地区生产总值"),
            people("mfg_emp_food", "制造业分行业平均用工人数:食品"),
            people("mfg_emp_textile", "制造业分行业平均用工人数:纺织"),
            people("mfg_emp_chemical", "制造业分行业平均用工人数:化工"),
            people("mfg_emp_metal", "制造业分行业平均用工人数:金属"),
            people("mfg_emp_machinery", "制造业分行业平均用工人数:通用专用设备"),
            people("mfg_emp_transport", "制造业分行业平均用工人数:交通运输设备"),
            people("mfg_emp_electrical", "制造业分行业平均用工人数:电气机械"),
            people("mfg_emp_electronics", "制造业分行业平均用工人数:电子设备"),
            new YearbookIndicator("domestic_patent_applications", "国内专利申请受理量", "件", 0),
            people("population", "年末常住人口"),
            money("retail_sales", "社会消费品零售总额"),
            money("loans", "金融机构各项贷款余额"),
            money("deposits", "金融机构各项存款余额"),
            money("budget_expenditure", "地方一般公共预算支出"),
            new YearbookIndicator("students_per_100k", "每十万人口高等学校平均在校生数", "人", 0),
            new YearbookIndicator("road_area_per_capita", "人均城市道路面积", "平方米", 2),
            new YearbookIndicator("internet_penetration", "互联网普及率", "", 4),
            new YearbookIndicator("post_offices", "邮局数", "处", 0),
            new YearbookIndicator("broadband_ports", "互联网宽带接入端口", "万个", 2),
            money("trade", "进出口总额"),
            new YearbookIndicator("precipitation", "年降水量", "毫米", 1),
            new YearbookIndicator("robot_density", "工业机器人安装密度", "台/万人", 2),
            money("ict_fai", "信息传输、计算机服务和软件业全社会固定资产投资"));

    static final List<YearbookIndicator> CITY = List.of(
            money("intelligent_mfg_output", "智能制造业产值"),
            money("industrial_output", "工业总产值"),
            people("registered_population", "年末户籍人口"),
            people("employees", "从业人员数"),
            money("fai", "固定资产投资"),
            money("hightech_output", "高新技术产业总值"),
            money("rd_exp", "R&D经费内部支出"));

    private static final Map<String, YearbookIndicator> BY_ID = new LinkedHashMap<>();

    static {
        for (YearbookIndicator i : PROVINCE) BY_ID.put(i.id, i);
        for (YearbookIndicator i : CITY) BY_ID.put(i.id, i);
    }

    static YearbookIndicator of(String id) {
        YearbookIndicator i = BY_ID.get(id);
        if (i == null) throw new IllegalArgumentException("not an indicator of the panel contract: " + id);
        return i;
    }

    /** Money in 亿元, kept to 1 万元 (4 decimals): written in 万元 it is a whole number. */
    private static YearbookIndicator money(String id, String name) {
        return new YearbookIndicator(id, name, MONEY, 4);
    }

    /** People in 万人, kept to one person (4 decimals). */
    private static YearbookIndicator people(String id, String name) {
        return new YearbookIndicator(id, name, PEOPLE, 4);
    }
}
