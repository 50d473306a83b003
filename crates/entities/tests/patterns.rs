//! One test per error pattern of entity extraction on unseen news, each on
//! sentences written for the test: places beyond the administrative units,
//! organizations by head word, people, unit variants, names inside other
//! names, dates, programs.

use std::sync::LazyLock;

use vietdex_entities::{Context, Entity, Gazetteer, Knowledge, Programs, extract};
use vietdex_tokenize::Segmenter;

fn knowledge() -> Knowledge<'static> {
    static G: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::bundled);
    static P: LazyLock<Programs> = LazyLock::new(|| Programs::bundled().expect("programs"));
    static S: LazyLock<Segmenter> = LazyLock::new(Segmenter::bundled);
    Knowledge {
        gazetteer: &G,
        programs: &P,
        segmenter: &S,
    }
}

fn ents(text: &str) -> Vec<Entity> {
    extract(text, &Context { year: Some(2019) }, &knowledge())
}

/// `(kind, text)` of every entity.
fn pairs(text: &str) -> Vec<(String, String)> {
    ents(text)
        .into_iter()
        .map(|e| (e.kind().as_str().to_string(), e.text.clone()))
        .collect()
}

fn has(text: &str, kind: &str, surface: &str) -> bool {
    pairs(text).iter().any(|(k, t)| k == kind && t == surface)
}

#[track_caller]
fn expect(text: &str, want: &[(&str, &str)]) {
    let got = pairs(text);
    for (k, t) in want {
        assert!(
            got.iter().any(|(gk, gt)| gk == k && gt == t),
            "{k} `{t}` not found in {text:?}: {got:?}"
        );
    }
}

#[track_caller]
fn expect_not(text: &str, kind: &str, surface: &str) {
    assert!(
        !has(text, kind, surface),
        "{kind} `{surface}` found in {text:?}: {:?}",
        pairs(text)
    );
}

fn subtype_of(text: &str, surface: &str) -> Option<String> {
    ents(text)
        .into_iter()
        .find(|e| e.text == surface)
        .and_then(|e| e.subtype().map(str::to_string))
}

#[test]
fn countries_and_foreign_cities() {
    let t = "Đoàn công tác đã sang Hàn Quốc, Peru và Nga, rồi ghé Bangkok trước khi về Việt Nam.";
    expect(
        t,
        &[
            ("place", "Hàn Quốc"),
            ("place", "Peru"),
            ("place", "Nga"),
            ("place", "Bangkok"),
            ("place", "Việt Nam"),
        ],
    );
    assert_eq!(subtype_of(t, "Peru").as_deref(), Some("country"));
    assert_eq!(subtype_of(t, "Bangkok").as_deref(), Some("city"));
    // A one-syllable country name is also a given name.
    expect_not("Hôm qua chị Nga về quê ăn Tết.", "place", "Nga");
    expect_not("Ông Đức Minh nói thêm.", "place", "Đức");
    // Lower-case multi-syllable names, as some outlets write them.
    expect(
        "hàng xuất sang thị trường nhật bản tăng",
        &[("place", "nhật bản")],
    );
}

#[test]
fn a_country_opening_a_sentence() {
    // A country's or a city's name that is no Vietnamese syllable.
    let t = "Căng thẳng leo thang. Kuwait muốn làm trung gian. Tokyo đón nắng trở lại.";
    expect(t, &[("place", "Kuwait"), ("place", "Tokyo")]);
    // Near misses: one that is a Vietnamese syllable too (a form of
    // address, a word, a given name), an initial joined to a name.
    expect_not("Anh vẫn đi làm đều đặn.", "place", "Anh");
    expect_not("Áo xanh phủ kín khán đài.", "place", "Áo");
    expect_not("Về nhà muộn. Nga ngồi đọc sách.", "place", "Nga");
    expect_not("Tin và ảnh: T.Dubai", "place", "Dubai");
}

#[test]
fn oceans_are_water_not_the_province_inside_their_name() {
    let t = "Tàu hải quân tuần tra trên Thái Bình Dương và Ấn Độ Dương.";
    expect(t, &[("place", "Thái Bình Dương"), ("place", "Ấn Độ Dương")]);
    assert_eq!(subtype_of(t, "Thái Bình Dương").as_deref(), Some("water"));
    expect_not(t, "province", "Thái Bình");
    expect(
        "Tỉnh Thái Bình có 8 huyện.",
        &[("province", "Tỉnh Thái Bình")],
    );
}

#[test]
fn a_language_named_after_a_country_is_no_place() {
    let t = "Lớp học tiếng Anh và tiếng Trung Quốc mở thêm hai buổi.";
    expect_not(t, "place", "Anh");
    expect_not(t, "place", "Trung Quốc");
    // Nor a person, where a full name in the text ends with that syllable.
    let t = "Cô Hà Anh dạy tiếng Anh ở trường.";
    expect(t, &[("person", "Hà Anh")]);
    expect_not(t, "person", "Anh");
    expect_not(t, "place", "Anh");
    // The country itself, after `sang`, stays one: one place, the second
    // `Anh`.
    let t = "Lớp học tiếng Anh vừa mở, em Lan sẽ sang Anh học.";
    let places: Vec<usize> = ents(t)
        .iter()
        .filter(|e| e.kind().is_place())
        .map(|e| e.start)
        .collect();
    assert_eq!(
        places,
        [t.rfind("Anh")
            .map(|b| t[..b].chars().count())
            .expect("a second `Anh`")],
        "{:?}",
        pairs(t)
    );
    // `nổi tiếng`, `lên tiếng` close a word: the country after them is one.
    expect(
        "Nhiều hãng nổi tiếng Nhật Bản đã lên tiếng Mỹ sẽ phản đối.",
        &[("place", "Nhật Bản"), ("place", "Mỹ")],
    );
}

#[test]
fn places_by_head_word() {
    let t = "Xe đi theo quốc lộ 14C, qua cầu Bến Lức, dọc sông Vàm Cỏ rồi ra sân bay Liên Khương; \
             hồ Trị An và đảo Phú Quý đều đông khách, còn chợ Đầm mở cửa sớm.";
    expect(
        t,
        &[
            ("place", "quốc lộ 14C"),
            ("place", "cầu Bến Lức"),
            ("place", "sông Vàm Cỏ"),
            ("place", "sân bay Liên Khương"),
            ("place", "hồ Trị An"),
            ("place", "đảo Phú Quý"),
            ("place", "chợ Đầm"),
        ],
    );
    assert_eq!(subtype_of(t, "quốc lộ 14C").as_deref(), Some("road"));
    assert_eq!(subtype_of(t, "sông Vàm Cỏ").as_deref(), Some("water"));
    assert_eq!(subtype_of(t, "đảo Phú Quý").as_deref(), Some("island"));
    assert_eq!(
        subtype_of(t, "sân bay Liên Khương").as_deref(),
        Some("landmark")
    );
    let a = "Cửa hàng ở số 27 Hàng Bạc bán đồ bạc.";
    expect(a, &[("place", "số 27 Hàng Bạc")]);
    assert_eq!(subtype_of(a, "số 27 Hàng Bạc").as_deref(), Some("address"));
    // A head word closing a longer word is no place: `yêu cầu`, `thành phố`.
    expect_not(
        "Ông yêu cầu Bộ Tài chính trả lời.",
        "place",
        "cầu Bộ Tài chính",
    );
    // A name followed by a foreign country is that country's, not a
    // Vietnamese unit of the same name.
    let f = "Cô sống tại Hồ Nam, Trung Quốc, còn anh trai ở Đại Từ, Thái Nguyên.";
    assert_eq!(subtype_of(f, "Hồ Nam").as_deref(), Some("foreign-unit"));
    assert!(
        !ents(f)
            .iter()
            .any(|e| e.text == "Hồ Nam" && e.name().is_some()),
        "{:?}",
        ents(f)
    );
    expect(f, &[("district", "Đại Từ")]);
    // Stadiums, temples, museums, industrial parks; states of other
    // countries; cities outside the gazetteer by their type word.
    let l = "Cảnh sát TP Little Rock, bang Arkansas đến sân Mỹ Đình, thăm chùa Một Cột và khu công nghiệp Quang Minh.";
    assert_eq!(subtype_of(l, "TP Little Rock").as_deref(), Some("city"));
    assert_eq!(
        subtype_of(l, "bang Arkansas").as_deref(),
        Some("foreign-unit")
    );
    for lm in ["sân Mỹ Đình", "chùa Một Cột", "khu công nghiệp Quang Minh"] {
        assert_eq!(subtype_of(l, lm).as_deref(), Some("landmark"), "{lm}");
    }
    // A city of the gazetteer stays a unit; the home ground (`sân nhà`) is
    // no place.
    expect(
        "Đội bóng thành phố Hải Phòng thắng trên sân nhà.",
        &[("province", "thành phố Hải Phòng")],
    );
    // Road numbers by their abbreviated head words.
    let r = "Kho nằm dọc ĐT827 và ĐT 827A, gần QL1A và QL 14.";
    for road in ["ĐT827", "ĐT 827A", "QL1A", "QL 14"] {
        assert_eq!(subtype_of(r, road).as_deref(), Some("road"), "{road}");
    }
    // Villages: `làng` before a name, but not the word `làng nghề`.
    let v = "Làng Phù Lãng nổi tiếng với gốm; khách đến làng nghề còn ghé làng Đông Hồ.";
    expect(v, &[("place", "Làng Phù Lãng"), ("place", "làng Đông Hồ")]);
    assert!(
        !pairs(v).iter().any(|(_, t)| t.starts_with("làng nghề")),
        "{:?}",
        pairs(v)
    );
    // A bridge named after a place is not that place.
    expect_not(
        "Cầu Tân An mới thông xe, cầu Thạnh Phú thì chưa.",
        "commune",
        "Thạnh Phú",
    );
}

#[test]
fn a_head_word_inside_a_longer_word_or_before_a_country_alone() {
    // `tàu sân bay`: an aircraft carrier, named, is no airport.
    let t = "Chiến đấu cơ cất cánh từ tàu sân bay Carl Vinson ngoài khơi.";
    assert!(
        !ents(t).iter().any(|e| e.text.starts_with("sân bay")),
        "{t}: {:?}",
        pairs(t)
    );
    // An airport named by a country alone is one of that country's: the
    // country is the place.
    let t = "Hành khách bị giữ lại ở sân bay Pháp suốt đêm qua.";
    expect_not(t, "place", "sân bay Pháp");
    expect(t, &[("place", "Pháp")]);
    // Near misses: a named airport, a road written after `đường`, and
    // water named after a country.
    expect(
        "Chuyến bay hạ cánh xuống sân bay Nội Bài lúc 9 giờ.",
        &[("place", "sân bay Nội Bài")],
    );
    expect(
        "Xe tải lật trên đường Quốc lộ 5 sáng nay.",
        &[("place", "Quốc lộ 5")],
    );
    expect(
        "Tàu cá gặp nạn trên vịnh Thái Lan chiều qua.",
        &[("place", "vịnh Thái Lan")],
    );
}

#[test]
fn caves_ranges_grounds_and_monuments_by_head_word() {
    // Caves, ranges, grounds, quarters, towers and halls by their head
    // word; the span ends where the name ends.
    let t = "Đoàn khách đi động Hương Tích, vượt dãy Bạch Mã, nghỉ ở bãi tắm Sầm Sơn, \
             thăm tháp Chăm Pô Klong Garai rồi dự lễ tại nhà văn hóa Thanh niên.";
    for (lm, sub) in [
        ("động Hương Tích", "landmark"),
        ("dãy Bạch Mã", "mountain"),
        ("bãi tắm Sầm Sơn", "landmark"),
        ("tháp Chăm Pô Klong Garai", "landmark"),
        ("nhà văn hóa Thanh niên", "landmark"),
    ] {
        assert_eq!(
            subtype_of(t, lm).as_deref(),
            Some(sub),
            "{lm}: {:?}",
            pairs(t)
        );
    }
    expect(
        "Người dân lấn đất ở khu Đồng Sậy và hang động Thủy Tiên.",
        &[("place", "khu Đồng Sậy"), ("place", "hang động Thủy Tiên")],
    );
    // `động` closing a word, or before a brand, a country or inside a
    // capitalized name, is no cave.
    let m =
        "Mạng di động Vinaphone và thị trường di động Hàn Quốc tăng trước Hội chợ Di động Châu Á.";
    expect_not(m, "place", "động Vinaphone");
    expect_not(m, "place", "động Hàn Quốc");
    expect_not(m, "place", "động Châu Á");
    // Likewise a mine's `mỏ` after `thợ`, before a foreign person's name.
    let o =
        "Viên đá do thợ mỏ John Carter tìm thấy gần mỏ đồng Sin Quyền, còn đoàn thăm mỏ Mạo Khê.";
    expect_not(o, "place", "mỏ John Carter");
    expect(o, &[("place", "mỏ Mạo Khê")]);
    // A capitalized syllable that opens a word with the next one, where
    // the phrase goes on, is no name (`Dự án`); a capitalized head that
    // makes a unit's name with the next syllable stays that unit.
    let d = "Máy khoan đã vào hầm Dự án thủy điện, còn tại Vũng Tàu - Ảnh: Minh Hòa.";
    expect_not(d, "place", "hầm Dự án");
    expect_not(d, "place", "hầm Dự");
    expect(d, &[("district", "Vũng Tàu")]);
}

#[test]
fn units_in_lower_case_and_short_forms() {
    // A unit's name in lower case after its type word, and the list the
    // type word opens, also in lower case.
    let t = "Mưa lớn ở hai huyện quảng điền và Phong Điền làm ngập nhà.";
    expect(
        t,
        &[("district", "huyện quảng điền"), ("district", "Phong Điền")],
    );
    // A word after the type word is no name (`xã hội`, `an toàn khu`).
    let w = pairs("Các xã an toàn khu đẩy mạnh xã hội hóa.");
    assert!(!w.iter().any(|(k, _)| k == "commune"), "{w:?}");
    // A name the gazetteer lacks goes on the list; a body or a unit of
    // another level after the comma does not.
    expect(
        "Hai xã Nậm Pồ Mới , Nà Khoang Mới đã xong đường.",
        &[("commune", "Nà Khoang Mới")],
    );
    let b = "Sáng nay UBND huyện Quan Sơn, Phòng Văn hóa huyện và xã Tân Thái, Hà Nội cùng họp.";
    expect_not(b, "district", "Phòng Văn");
    expect_not(b, "commune", "Hà Nội");
    expect(b, &[("province", "Hà Nội")]);
    // A province by the first syllable of its name alone, where only one
    // province's name opens with it; its second syllable in lower case.
    let s = "Đặc sản tỉnh Thanh nổi tiếng, tỉnh Lạng sơn cũng vậy.";
    expect(
        s,
        &[("province", "tỉnh Thanh"), ("province", "tỉnh Lạng sơn")],
    );
    assert_eq!(
        ents(s)
            .iter()
            .find(|e| e.text == "tỉnh Thanh")
            .and_then(|e| e.name().map(str::to_string))
            .as_deref(),
        Some("Tỉnh Thanh Hóa")
    );
    // Not a syllable several provinces open with, nor a word.
    let n = "Đoàn viên tỉnh Hà và Tỉnh Thanh niên cùng dự.";
    expect_not(n, "province", "tỉnh Hà");
    expect_not(n, "province", "Tỉnh Thanh");
    // A name in lower case before the unit that holds it in brackets;
    // after a comma, not a word of the lexicon.
    expect(
        "Hàng được chở lên tam kỳ ( Quảng Nam ) mỗi sáng.",
        &[("district", "tam kỳ"), ("province", "Quảng Nam")],
    );
    expect_not("Bàn về hòa bình, Hà Nội cũng góp ý.", "commune", "hòa bình");
}

#[test]
fn state_offices_named_by_their_work_and_level() {
    // A state office named by what it does, in lower case, and one named
    // by its level alone; an enterprise of the state forests by its name,
    // whose district is then no place mention.
    let t = "Chi cục thú y đã lập chốt, kho bạc huyện cấp vốn và lâm trường Đạ Huoai giao đất.";
    expect(
        t,
        &[
            ("organization", "Chi cục thú y"),
            ("organization", "kho bạc huyện"),
            ("organization", "lâm trường Đạ Huoai"),
        ],
    );
    expect_not(t, "district", "Đạ Huoai");
    // Offices of a kind are no one office; a word that is no office's
    // work names none.
    let k = "Các cục thuế địa phương và chi cục mới thành lập đều nộp báo cáo.";
    expect_not(k, "organization", "cục thuế");
    expect_not(k, "organization", "chi cục mới");
    // A name that is a common word capitalized goes on with what the
    // institute studies.
    expect(
        "Đất của viện Nghiên cứu cà phê bị lấn chiếm.",
        &[("organization", "viện Nghiên cứu cà phê")],
    );
}

#[test]
fn a_union_by_its_level_and_a_company_by_a_letter() {
    // The youth union of the unit the text is about, by its level alone;
    // not a delegation named after it, not a word, not a family name.
    expect(
        "Chị Mai đề nghị đoàn xã lo phần dựng lều.",
        &[("organization", "đoàn xã")],
    );
    let n =
        "Công đoàn phường họp, phái đoàn tỉnh Lào Cai đến, đoàn xã viên và Đoàn Văn Hậu cũng dự.";
    for o in ["đoàn tỉnh", "đoàn tỉnh Lào Cai", "đoàn xã", "đoàn phường"] {
        expect_not(n, "organization", o);
    }
    // `Văn phòng Đoàn …` still names the office of the delegation.
    expect(
        "Công văn của Văn phòng Đoàn đại biểu Quốc hội gửi các sở.",
        &[("organization", "Văn phòng Đoàn đại biểu Quốc hội")],
    );
    // A company named by one letter, which is then no person.
    let t = "Rốt cuộc hãng K. kiện lại, còn công ty M cho biết sẽ bồi thường.";
    expect(
        t,
        &[("organization", "hãng K"), ("organization", "công ty M")],
    );
    expect_not(t, "person", "K.");
    expect_not(t, "person", "K");
    // A letter that opens a longer name is that name's.
    expect_not(
        "Hôm qua hãng H Mart mở cửa hàng mới.",
        "organization",
        "hãng H",
    );
}

#[test]
fn a_crossing_takes_the_streets_that_meet_there() {
    let t = "Kẹt xe kéo dài ở vòng xoay Lê Văn Duyệt - Phan Đăng Lưu và ngã tư Hàng Xanh.";
    expect(
        t,
        &[
            ("place", "vòng xoay Lê Văn Duyệt - Phan Đăng Lưu"),
            ("place", "ngã tư Hàng Xanh"),
        ],
    );
    expect_not(t, "person", "Phan Đăng Lưu");
    // A dash written tight joins no second street.
    expect_not(
        "Xe dừng ở ngã ba Cây Gõ-hàng rong đông.",
        "place",
        "ngã ba Cây Gõ-hàng",
    );
}

#[test]
fn organizations_by_head_word() {
    expect(
        "Công ty TNHH Cơ khí Phú Tài ký hợp đồng với Ngân hàng TMCP Công thương Việt Nam chi nhánh Bình Định.",
        &[
            ("organization", "Công ty TNHH Cơ khí Phú Tài"),
            (
                "organization",
                "Ngân hàng TMCP Công thương Việt Nam chi nhánh Bình Định",
            ),
        ],
    );
    expect(
        "Trường Đại học Cần Thơ, báo Thanh Niên và Bệnh viện Đa khoa tỉnh Gia Lai cùng tham gia.",
        &[
            ("organization", "Trường Đại học Cần Thơ"),
            ("organization", "báo Thanh Niên"),
            ("organization", "Bệnh viện Đa khoa tỉnh Gia Lai"),
        ],
    );
    expect(
        "Vụ việc đã được Công an huyện Krông Pa và VKSND tỉnh Gia Lai thụ lý.",
        &[
            ("organization", "Công an huyện Krông Pa"),
            ("organization", "VKSND tỉnh Gia Lai"),
        ],
    );
    expect(
        "Đại diện WHO và Liên Hợp Quốc làm việc với ASEAN.",
        &[
            ("organization", "WHO"),
            ("organization", "Liên Hợp Quốc"),
            ("organization", "ASEAN"),
        ],
    );
    // Firms, airlines and news agencies by `hãng`.
    expect(
        "Gia đình bị hãng JetBlue đuổi khỏi máy bay, hãng tin Kyodo đưa tin.",
        &[
            ("organization", "hãng JetBlue"),
            ("organization", "hãng tin Kyodo"),
        ],
    );
    // Colleges, as universities.
    expect(
        "Em học Trường Cao đẳng Xây dựng, bạn em học Cao đẳng Công nghiệp Huế.",
        &[
            ("organization", "Trường Cao đẳng Xây dựng"),
            ("organization", "Cao đẳng Công nghiệp Huế"),
        ],
    );
    // Cooperatives by head word, their name in mixed case.
    expect(
        "Xe của HTX Vận tải Thăng Long và Hợp tác xã Nông nghiệp Tân Tiến chạy tuyến.",
        &[
            ("organization", "HTX Vận tải Thăng Long"),
            ("organization", "Hợp tác xã Nông nghiệp Tân Tiến"),
        ],
    );
    // Outlets, agencies, platforms and large companies known by name.
    expect(
        "Theo TTXVN và Reuters, Vietcombank đã mở trang trên Facebook.",
        &[
            ("organization", "TTXVN"),
            ("organization", "Reuters"),
            ("organization", "Vietcombank"),
            ("organization", "Facebook"),
        ],
    );
    // The name ends before a person's name.
    let t = "Công ty Điện lực Gia Lai Nguyễn Văn Hòa cho biết sẽ cấp điện.";
    expect_not(t, "organization", "Công ty Điện lực Gia Lai Nguyễn Văn Hòa");
    // A lower-case name word goes with its capitalized first syllable.
    expect(
        "Anh tốt nghiệp Đại học Ngoại thương năm 2010.",
        &[("organization", "Đại học Ngoại thương")],
    );
    // `trung tâm` names a body unless a place follows: then it is the
    // place's centre.
    let t = "Trung tâm Kiểm soát bệnh tật mở điểm tiêm ở trung tâm Đà Nẵng và trung tâm thị xã.";
    expect(t, &[("organization", "Trung tâm Kiểm soát bệnh tật")]);
    expect_not(t, "organization", "trung tâm Đà Nẵng");
    // Such a name goes on with domain nouns in lower case, not with the
    // verb after it.
    expect(
        "Bác sĩ nói Trung tâm Y học dự phòng và Trung tâm Nước sạch và vệ sinh môi trường nông thôn cùng vào cuộc.",
        &[
            ("organization", "Trung tâm Y học dự phòng"),
            (
                "organization",
                "Trung tâm Nước sạch và vệ sinh môi trường nông thôn",
            ),
        ],
    );
    let t = "Công ty Điện lực xây dựng trạm biến áp mới.";
    expect(t, &[("organization", "Công ty Điện lực")]);
}

#[test]
fn an_organization_ends_where_a_date_begins() {
    // The stop between two sentences lost, as scraped text loses it.
    let t = "Cô ấy được đưa vào Bệnh viện Đa khoa Hòa Bình Chiều 12/5, gia đình đã đến.";
    assert!(
        has(t, "organization", "Bệnh viện Đa khoa Hòa Bình"),
        "{:?}",
        pairs(t)
    );
    let u = "Hội nghị của Ủy ban nhân dân tỉnh Lào Cai ngày 3/7 kết thúc.";
    assert!(
        has(u, "organization", "Ủy ban nhân dân tỉnh Lào Cai"),
        "{:?}",
        pairs(u)
    );
    // Nor across an empty line: a headline ending in a body's name.
    let w = "Đoàn công tác làm việc với UBND huyện Mê Linh\n\nĐoàn đã kiểm tra ba xã.";
    assert!(
        has(w, "organization", "UBND huyện Mê Linh"),
        "{:?}",
        pairs(w)
    );
    // A name that holds such a word, with no date after it, stays whole.
    let v = "Công ty TNHH Ánh Sáng Mới vừa khai trương cửa hàng.";
    assert!(
        has(v, "organization", "Công ty TNHH Ánh Sáng Mới"),
        "{:?}",
        pairs(v)
    );
}

#[test]
fn people_beyond_the_surname_rule() {
    // Given-name references tied to the full name earlier in the text.
    let t = "Ông Lê Hữu Phước là chủ vườn. Theo Phước, giá bưởi năm nay thấp.";
    expect(t, &[("person", "Lê Hữu Phước"), ("person", "Phước")]);
    // Names after forms of address and titles, foreign names, initials.
    expect(
        "Anh Tư Lành gặp giáo sư John Smith; bà H. không muốn nêu tên.",
        &[
            ("person", "Tư Lành"),
            ("person", "John Smith"),
            ("person", "H"),
        ],
    );
    // Southern names by birth order, and a name before a verb of saying.
    expect(
        "Hôm đó Bảy Tửng ra chợ sớm. Mai Liên nói giá đã lên.",
        &[("person", "Bảy Tửng"), ("person", "Mai Liên")],
    );
    // Streets named after people are not people.
    let s = "Nhà nằm trên đường Trần Quang Khải, gần phố Lý Thường Kiệt.";
    expect_not(s, "person", "Trần Quang Khải");
    expect_not(s, "person", "Lý Thường Kiệt");
    expect(s, &[("place", "đường Trần Quang Khải")]);
    // A word that opens a sentence is not a given name.
    expect_not(
        "Ông Nguyễn Văn Hoạt dự họp. Hoạt động của xã sôi nổi.",
        "person",
        "Hoạt",
    );
    // Place names that begin with a form of address.
    expect_not("Khách về Bà Rịa nghỉ lễ.", "person", "Rịa");
    // A two-part name with an occupation after it, and its given name
    // alone later.
    let t = "Lê Hào, sinh viên năm ba, đi làm thêm dịp tết. Năm nay Hào không về quê.";
    expect(t, &[("person", "Lê Hào"), ("person", "Hào")]);
    expect(
        "Nhạc sĩ Phạm Tuyên và luật sư Trần Vũ Hải dự buổi ra mắt.",
        &[("person", "Phạm Tuyên"), ("person", "Trần Vũ Hải")],
    );
    // Prizes, medals and ships named after people are not people.
    let t = "Em nhận giải thưởng Nguyễn Văn Trỗi và học bổng Trần Đại Nghĩa.";
    expect_not(t, "person", "Nguyễn Văn Trỗi");
    expect_not(t, "person", "Trần Đại Nghĩa");
    // A given name opening a sentence before a verb of saying; a word
    // there is no name.
    let t = "Sau trận lũ, cả xóm dọn dẹp. Tuấn kể lại đêm đó. Vừa nói anh vừa cười.";
    expect(t, &[("person", "Tuấn")]);
    expect_not(t, "person", "Vừa");
    // A form of address closing a word (`trẻ em`) introduces no name.
    expect_not(
        "Đã đến lúc siết gameshow trẻ em Từ mục đích giải trí.",
        "person",
        "Từ",
    );
    expect("Gia đình ông bà Minta đến sân bay.", &[("person", "Minta")]);
    // A pronoun before a verb of saying is no name.
    for t in ["Họ cho biết sẽ quay lại.", "Tôi nói với anh ấy rồi."] {
        assert!(
            !pairs(t).iter().any(|(k, _)| k == "person"),
            "{t}: {:?}",
            pairs(t)
        );
    }
    // A province before a verb of saying speaks through a body: no person.
    let t = "Ông Hùng, Giám đốc Sở Xây dựng Long An cho biết sẽ kiểm tra kho ở huyện Châu Thành (Long An).";
    expect_not(t, "person", "Long An");
    expect(t, &[("person", "Hùng"), ("province", "Long An")]);
    // An office before a province's name is the province's office; before
    // a country and a name, the name is the person's.
    let t = "Chủ tịch Hà Nội yêu cầu báo cáo. Tổng thống Nga Vladimir Putin phát biểu.";
    expect_not(t, "person", "Hà Nội");
    expect(t, &[("person", "Vladimir Putin")]);
    // Teams and models with digits are no people; companies known by
    // name are no people either.
    let t = "Đội tuyển gặp U23 Việt Nam hôm qua. Vietcombank cho biết sẽ trả lãi.";
    assert!(
        !pairs(t).iter().any(|(k, _)| k == "person"),
        "{:?}",
        pairs(t)
    );
    // A country before a verb of saying speaks through its officials.
    let t = "Cảnh sát nói lô hàng rất lớn. Australia cho biết sẽ điều tra.";
    expect_not(t, "person", "Australia");
    // A street after its classifier (`lòng đường`) is a street.
    let t = "Người xếp hàng tràn xuống lòng đường Trần Nhân Tông.";
    expect_not(t, "person", "Trần Nhân Tông");
    assert_eq!(
        subtype_of(t, "đường Trần Nhân Tông").as_deref(),
        Some("road")
    );
    // A name that is something's (a ship's) is not the role's holder.
    expect_not(
        "Các thủy thủ của tàu Hoàng Long đã về bờ.",
        "person",
        "Hoàng Long",
    );
}

#[test]
fn unit_variants_resolve() {
    for t in [
        "Giá nhà ở TPHCM tăng.",
        "Giá nhà ở TP.HCM tăng.",
        "Giá nhà ở TP HCM tăng.",
        "Giá nhà ở TP. HCM tăng.",
    ] {
        let e = ents(t);
        assert!(
            e.iter().any(|e| e.name() == Some("Thành phố Hồ Chí Minh")),
            "{t}: {e:?}"
        );
    }
    // The older spelling `qui` of `quy`.
    let e = ents("Du khách đến thành phố Qui Nhơn ngày càng đông.");
    assert!(
        e.iter().any(|e| e.name() == Some("Thành phố Quy Nhơn")),
        "{e:?}"
    );
}

#[test]
fn names_inside_other_names_are_not_places() {
    // A company or bank name holding a unit's name.
    let t = "Công ty TNHH Thạnh Phú đã vay Ngân hàng TMCP Phương Đông.";
    for e in ents(t) {
        assert!(!e.kind().is_place(), "{t}: {e:?}");
    }
    // A country inside an organization's name.
    expect_not(
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh họp.",
        "place",
        "Việt Nam",
    );
    // A bare name that can only be a commune, in a text that names no
    // place it could be in, is something else bearing that name: a
    // company, a shop, a street.
    let c = "Tập đoàn Hòa Phát báo lãi, còn cửa hàng vàng Phú Quý mở cửa sớm trên phố Nam Kỳ Khởi Nghĩa.";
    for name in ["Hòa Phát", "Phú Quý", "Khởi Nghĩa"] {
        assert!(
            !ents(c)
                .iter()
                .any(|e| e.text == name && e.kind().is_place()),
            "{name}: {:?}",
            pairs(c)
        );
    }
    // Where the text names its district, the bare name is the commune.
    expect(
        "Huyện Đại Từ có nhiều xã đạt chuẩn; Tân Thái là xã đi đầu.",
        &[("commune", "Tân Thái")],
    );
    // A byline joined to the last paragraph is no commune.
    let b = "Đoàn kiểm tra đã lập biên bản nhắc nhở. Minh Hoàng";
    assert!(
        !ents(b).iter().any(|e| e.kind().is_place()),
        "{:?}",
        ents(b)
    );
    // The same name inside the text still is one.
    expect(
        "Đoàn về xã Minh Hoàng rồi về Minh Hoàng lần nữa để kiểm tra.",
        &[("commune", "xã Minh Hoàng")],
    );
    // A province inside a school's or a branch's name is no place
    // mention, but the body stays tied to it; a smaller unit's name inside
    // a company's name ties nothing.
    let tied = |t: &str, org: &str| {
        ents(t)
            .into_iter()
            .find(|e| e.kind() == vietdex_entities::Kind::Organization && e.text == org)
            .and_then(|e| match e.details {
                vietdex_entities::Details::Organization { place } => place.map(|p| p.link.code),
                _ => None,
            })
    };
    let u = "Nhóm sinh viên Trường Đại học Bách khoa Đà Nẵng vừa đoạt giải.";
    assert!(
        !ents(u).iter().any(|e| e.kind().is_place()),
        "{:?}",
        pairs(u)
    );
    assert_eq!(
        tied(u, "Trường Đại học Bách khoa Đà Nẵng").as_deref(),
        Some("48"),
        "{:?}",
        ents(u)
    );
    let c = "Công ty TNHH Thạnh Phú đã vay vốn.";
    assert_eq!(tied(c, "Công ty TNHH Thạnh Phú"), None, "{:?}", ents(c));
    // A unit inside a body of the state is no place mention either: the
    // body carries it, and files the document under it and its province;
    // a company named after a province carries it and files nothing.
    let keys = |t: &str| -> Vec<String> {
        vietdex_entities::entity_keys(&ents(t))
            .iter()
            .map(|k| k.to_string())
            .collect()
    };
    let s = "Hội Nông dân xã Tân Thái, huyện Đại Từ vừa ra mắt tổ hợp tác.";
    assert!(
        !ents(s).iter().any(|e| e.text == "xã Tân Thái"),
        "{:?}",
        pairs(s)
    );
    let body = ents(s)
        .into_iter()
        .find(|e| e.text == "Hội Nông dân xã Tân Thái")
        .expect("the association");
    let place = body.org_place().expect("its commune");
    assert_eq!(
        (place.link.name.as_str(), place.files),
        ("Xã Tân Thái", true)
    );
    let k = keys(s);
    for want in ["commune:Xã Tân Thái", "province:Tỉnh Thái Nguyên"] {
        assert!(k.iter().any(|x| x == want), "{want}: {k:?}");
    }
    let f = "Công ty Du lịch Lâm Đồng mở tour mới.";
    assert!(
        !ents(f).iter().any(|e| e.kind().is_place()),
        "{:?}",
        pairs(f)
    );
    let company = ents(f)
        .into_iter()
        .find(|e| e.text == "Công ty Du lịch Lâm Đồng")
        .expect("the company");
    assert!(company.org_place().is_some_and(|p| !p.files), "{company:?}");
    assert!(
        !keys(f).iter().any(|x| x.starts_with("province:")),
        "{:?}",
        keys(f)
    );
    // The same unit written outside the body is a place mention.
    expect(
        "Hội Nông dân xã Tân Thái họp; xã Tân Thái có 12 thôn.",
        &[("commune", "xã Tân Thái")],
    );
}

#[test]
fn dates_and_ranges() {
    let d = |t: &str| {
        ents(t)
            .into_iter()
            .filter(|e| e.kind().as_str() == "date")
            .map(|e| e.value)
            .collect::<Vec<_>>()
    };
    assert_eq!(d("Sáng ngày 21.8, đoàn về xã."), ["2019-08-21"]);
    assert_eq!(d("Trong tháng 3.2018 có mưa."), ["2018-03"]);
    assert_eq!(d("Ông Tài (SN 1988) bị bắt."), ["1988"]);
    assert_eq!(d("Từ 2011 - 2014, huyện làm 20 km đường."), ["2011/2014"]);
    assert_eq!(d("Trong năm 2015 – 2016, xã trồng rừng."), ["2015/2016"]);
    assert_eq!(d("Đêm 12 - 9, lũ về."), ["2019-09-12"]);
    assert_eq!(d("Ngày 4 - 5 - 2017, tàu rời bến."), ["2017-05-04"]);
    // `từ … đến …`: one range, whatever each end's precision.
    assert_eq!(
        d("Từ năm 2010 đến tháng 3-2015, xã làm 9 km đường."),
        ["2010/2015-03"]
    );
    assert_eq!(
        d("Hội chợ mở từ ngày 2-5 đến ngày 6-5 năm nay."),
        ["2019-05-02/2019-05-06"]
    );
    assert_eq!(d("Từ năm 2016 đến năm 2020, xã đạt chuẩn."), ["2016/2020"]);
    // Days named from today or by the week, days of one stretch, and the
    // month as a word.
    assert_eq!(d("Sáng nay (14.3), xã ra quân."), ["2019-03-14"]);
    assert_eq!(d("Trận đấu diễn ra tối thứ Bảy 9/11."), ["2019-11-09"]);
    assert_eq!(
        d("Lễ hội kéo dài từ ngày 12 đến 15-2."),
        ["2019-02-12/2019-02-15"]
    );
    assert_eq!(d("Ông mất ngày 3 tháng 10 năm 2004."), ["2004-10-03"]);
    assert!(d("Ông ở đó 3 tháng 10 ngày.").is_empty());
    // Two dates not joined by `từ … đến` stay apart.
    assert_eq!(
        d("Năm 2010 xã nghèo, đến năm 2015 thoát nghèo."),
        ["2010", "2015"]
    );
}

#[test]
fn more_programs() {
    let p = |t: &str| {
        ents(t)
            .into_iter()
            .filter(|e| e.kind().as_str() == "program")
            .map(|e| e.value)
            .collect::<Vec<_>>()
    };
    assert_eq!(p("Xã được đầu tư từ Chương trình 135."), ["135"]);
    assert_eq!(p("Huyện thoát khỏi danh sách huyện nghèo 30a."), ["30a"]);
    assert_eq!(
        p("Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa được hưởng ứng."),
        ["ttdk"]
    );
    // The movements of the mass organizations and the later national
    // projects, by their names as the press writes them.
    assert_eq!(
        p("Ngày hội Toàn dân bảo vệ an ninh Tổ quốc được tổ chức ở thôn."),
        ["toan-dan-antq"]
    );
    assert_eq!(
        p("Hội viên hưởng ứng cuộc vận động xây dựng gia đình 5 không, 3 sạch."),
        ["5-khong-3-sach"]
    );
    assert_eq!(
        p("Công an xã triển khai Đề án 06 tới từng hộ."),
        ["de-an-06"]
    );
    assert_eq!(
        p("Tỉnh có 10 nghìn ha tham gia đề án 1 triệu ha lúa chất lượng cao."),
        ["lua-chat-luong-cao"]
    );
    assert_eq!(
        p("Người dân hưởng ứng Người Việt Nam ưu tiên dùng hàng Việt Nam."),
        ["hang-viet"]
    );
    // A name the press writes with commas, read across them.
    assert_eq!(
        p("Chi bộ đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."),
        ["hoc-tap-bac-ho"]
    );
    // Another number, or the words without the movement's name, or a
    // sentence's end inside it: none.
    assert!(
        p("Chi bộ học tập và làm theo tư tưởng. Đạo đức, phong cách Hồ Chí Minh là gương.")
            .is_empty()
    );
    assert!(p("Công an xã triển khai Đề án 07 tới từng hộ.").is_empty());
    assert!(p("Người dân bảo vệ an ninh trật tự ở thôn.").is_empty());
}

#[test]
fn the_streets_of_a_list_named_after_people() {
    let kinds = |t: &str| {
        ents(t)
            .into_iter()
            .filter(|e| matches!(e.kind().as_str(), "place" | "person"))
            .map(|e| (e.kind().as_str().to_string(), e.text))
            .collect::<Vec<_>>()
    };
    let road = |s: &str| ("place".to_string(), s.to_string());
    let t = "Nước ngập các tuyến đường Lê Duẩn, Phạm Ngọc Thạch, Tôn Đức Thắng từ sáng.";
    assert_eq!(
        kinds(t),
        [
            road("đường Lê Duẩn"),
            road("Phạm Ngọc Thạch"),
            road("Tôn Đức Thắng")
        ]
    );
    let t = "Xe buýt chạy qua phố Trần Hưng Đạo và Lý Thường Kiệt.";
    assert_eq!(
        kinds(t),
        [road("phố Trần Hưng Đạo"), road("Lý Thường Kiệt")]
    );
    // One name after a comma opens the next clause: a person.
    let t = "Tại đường Lê Lợi, Nguyễn Văn Hùng điều khiển xe máy.";
    assert_eq!(
        kinds(t),
        [
            road("đường Lê Lợi"),
            ("person".to_string(), "Nguyễn Văn Hùng".to_string())
        ]
    );
}

#[test]
fn the_country_between_an_office_with_its_field_and_the_holder() {
    let t = "Bộ trưởng Quốc phòng Mỹ James Mattis nói ông sẽ tới Tokyo.";
    assert_eq!(subtype_of(t, "Mỹ").as_deref(), Some("country"));
    assert!(
        ents(t)
            .iter()
            .any(|e| e.kind().as_str() == "person" && e.text == "James Mattis"),
        "{:?}",
        ents(t)
    );
    // Two names of a byline, the first after a form of address, are no
    // office and field.
    let t = "Vụ việc đang được làm rõ. Anh Lê – Anh Cường";
    expect_not(t, "place", "Anh");
}

#[test]
fn apostrophes_in_highland_names() {
    for t in [
        "Cà phê của huyện Đắk R’lấp được mùa.",
        "Cà phê của huyện Đắk R'lấp được mùa.",
        "Cà phê của huyện Đắk Rʼlấp được mùa.",
    ] {
        let e = ents(t);
        assert!(
            e.iter().any(|e| e.name() == Some("Huyện Đắk R'Lấp")),
            "{t}: {e:?}"
        );
    }
}

#[test]
fn abbreviated_ward_and_district_before_a_name() {
    let t = "Quán nằm ở P.Phạm Ngũ Lão, Q.1, TP.HCM.";
    let e = ents(t);
    let ward = e.iter().find(|e| e.text == "P.Phạm Ngũ Lão").expect("ward");
    assert_eq!(ward.name(), Some("Phường Phạm Ngũ Lão"));
    let q = e.iter().find(|e| e.text == "Q.1").expect("district");
    assert_eq!(q.name(), Some("Quận 1"));
    expect_not(t, "person", "Phạm Ngũ Lão");
}

#[test]
fn highland_spelling_variants() {
    let e = ents("Nắng hạn ở huyện Chư Pah và huyện Đắc Đoa kéo dài.");
    for want in ["Huyện Chư Păh", "Huyện Đăk Đoa"] {
        assert!(e.iter().any(|e| e.name() == Some(want)), "{want}: {e:?}");
    }
}

#[test]
fn quantity_ranges_and_multipliers() {
    let q = |t: &str| {
        ents(t)
            .into_iter()
            .filter(|e| e.kind().as_str() == "quantity")
            .map(|e| (e.text, e.value))
            .collect::<Vec<_>>()
    };
    assert_eq!(q("Nước dâng 2-3m."), [("2-3m".into(), "2-3 m".into())]);
    assert_eq!(
        q("Dự án cần 15 ngàn tỷ."),
        [("15 ngàn tỷ".to_string(), "15000000000000 đồng".to_string())]
    );
    assert_eq!(
        q("Xã chi 4 tỉ đồng làm đường."),
        [("4 tỉ đồng".to_string(), "4000000000 đồng".to_string())]
    );
}

#[test]
fn the_parent_written_beside_a_name_decides() {
    // One of many communes named Tân Lập: the district written beside it
    // picks the one inside.
    let e = ents("Đoàn về xã Tân Lập, huyện Bắc Sơn để kiểm tra.");
    let x = e.iter().find(|e| e.text == "xã Tân Lập").expect("commune");
    assert_eq!(x.district(), Some("Huyện Bắc Sơn"), "{x:?}");
    // Tam Nông's Thượng Nông was merged before the gazetteer's snapshot:
    // the one left elsewhere (Na Hang) is not it, so no link.
    let e = ents("Đoàn về xã Thượng Nông, huyện Tam Nông để kiểm tra.");
    let x = e
        .iter()
        .find(|e| e.text == "xã Thượng Nông")
        .expect("commune");
    assert_eq!((x.kind().as_str(), x.name()), ("commune", None), "{x:?}");
    let e = ents("Đoàn rời huyện Tam Nông (Phú Thọ).");
    let h = e
        .iter()
        .find(|e| e.text == "huyện Tam Nông")
        .expect("district");
    assert_eq!(h.province(), Some("Tỉnh Phú Thọ"));
    // A bare province name is the province, even beside its same-name city.
    let e = ents("Xe đi từ Kon Tum sang Gia Lai; thành phố Kon Tum vắng khách.");
    let bare = e.iter().find(|e| e.text == "Kon Tum").expect("bare");
    assert_eq!(bare.name(), Some("Tỉnh Kon Tum"));
    let city = e
        .iter()
        .find(|e| e.text == "thành phố Kon Tum")
        .expect("city");
    assert_eq!(city.name(), Some("Thành phố Kon Tum"));
}

#[test]
fn titles_and_bylines_stay_apart_from_the_body() {
    let t = "Lũ dâng ở Hà Tĩnh\n\nGiá rau tăng vọt ở chợ huyện.\n\nThu Hằng";
    for e in ents(t) {
        assert!(!e.text.contains('\n'), "{e:?}");
    }
    expect(t, &[("province", "Hà Tĩnh")]);
    // A byline is not a commune.
    let t = "Giá rau tăng vọt.\n\nMinh Hoàng";
    for e in ents(t) {
        assert!(!e.kind().is_place(), "{e:?}");
    }
}

#[test]
fn regions_and_the_central_committee() {
    let t = "Anh được cử ra Bắc học, sau về Tây Nguyên; Trung ương đã duyệt.";
    expect(
        t,
        &[
            ("place", "Bắc"),
            ("place", "Tây Nguyên"),
            ("organization", "Trung ương"),
        ],
    );
    // A direction in lower case is not a region.
    expect_not("Gió mùa đông bắc tràn về.", "place", "đông bắc");
    // Regions by their abbreviations.
    expect(
        "Lúa ở ĐBSCL được mùa, còn ĐBSH thì mất mùa.",
        &[("place", "ĐBSCL"), ("place", "ĐBSH")],
    );
}

#[test]
fn days_sharing_a_month() {
    let d = |t: &str| {
        ents(t)
            .into_iter()
            .filter(|e| e.kind().as_str() == "date")
            .map(|e| e.value)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        d("Trong hai ngày 8 và 9-4, xã họp."),
        ["2019-04-08", "2019-04-09"]
    );
    assert_eq!(d("Vào tháng 5, 6-2016 trời hạn."), ["2016-05", "2016-06"]);
}

#[test]
fn a_name_written_longer_than_the_units_is_not_that_unit() {
    // One capitalized syllable more, closing the name before a mark or a
    // line's end: the name written is another place's, not the unit's.
    for (t, unit) in [
        ("Xe cộ ùn ứ kéo dài quanh khu vực Tân Sơn Nhất.", "Tân Sơn"),
        (
            "Tàu sân bay rời cảng, hướng về Thái Bình Dương.",
            "Thái Bình",
        ),
        ("Căn hộ ở khu Tứ Hiệp Plaza đang được mở bán.", "Tứ Hiệp"),
        (
            "Cửa hàng trên phố An Dương Vương, quận 5 đã đóng cửa.",
            "An Dương",
        ),
    ] {
        assert!(
            !ents(t).iter().any(|e| e.text == unit),
            "{t}: {:?}",
            pairs(t)
        );
    }
    // With its type word, the longer name the gazetteer lacks is the
    // mention, unlinked, not the unit whose name begins it.
    expect(
        "Người dân thị trấn Thanh Nê được miễn phí qua trạm.",
        &[("commune", "thị trấn Thanh Nê")],
    );
    // Near misses: the unit stays where the syllable opens a sentence
    // whose stop was lost, begins a name of two syllables, comes before a
    // number or a colon.
    for (t, unit) in [
        (
            "Nắng nóng bao trùm Bình Thuận Mây che kín trời từ sáng.",
            "Bình Thuận",
        ),
        (
            "Ngập sâu ở Bình Dương Trần Văn Nam, người dân ấp 3, kể lại.",
            "Bình Dương",
        ),
        (
            "Mưa lớn kéo dài ở Quảng Bình Trưa 5/10 nước dâng cao.",
            "Quảng Bình",
        ),
        ("Hoa nở rộ khắp Đà Lạt Ảnh: Minh Anh", "Đà Lạt"),
        ("Đường vào xã Tân Lập Hầu hết đã đổ bê tông.", "xã Tân Lập"),
    ] {
        assert!(
            ents(t).iter().any(|e| e.text == unit),
            "{t}: {:?}",
            pairs(t)
        );
    }
}

#[test]
fn compass_directions_are_not_communes() {
    // Communes are named after the intercardinal directions (`xã Đông
    // Nam`, `xã Đông Bắc`); written without the type word, the names are
    // the directions.
    for t in [
        "Áp thấp di chuyển theo hướng Đông Nam, gió Đông Bắc cấp 5.",
        "Ở phía Tây Nam của huyện, mưa lớn kéo dài.",
        "Miền Đông Bắc rét đậm, vùng Đông Nam Bộ nắng nóng.",
        "Giải bóng đá U19 Đông Nam Á khởi tranh.",
    ] {
        for e in ents(t) {
            assert!(
                !matches!(e.kind().as_str(), "province" | "district" | "commune"),
                "{t}: {e:?}"
            );
        }
    }
    // With its type word, the commune.
    expect(
        "Người dân xã Đông Nam được hỗ trợ.",
        &[("commune", "xã Đông Nam")],
    );
}

#[test]
fn schools_named_after_people_are_not_people() {
    let t = "Học sinh trường THCS Nguyễn Du và Trường Tiểu học Lê Văn Tám đạt giải. \
             Em Hoa học THPT Lê Quý Đôn. Trường Lương Thế Vinh khai giảng.";
    for name in ["Nguyễn Du", "Lê Văn Tám", "Lê Quý Đôn", "Lương Thế Vinh"] {
        expect_not(t, "person", name);
    }
    expect(
        t,
        &[
            ("organization", "trường THCS Nguyễn Du"),
            ("organization", "Trường Tiểu học Lê Văn Tám"),
            ("organization", "THPT Lê Quý Đôn"),
            ("organization", "Trường Lương Thế Vinh"),
        ],
    );
    // A person still, where `trường` closes a word, or no school is named.
    expect(
        "Tại thị trường Nguyễn Văn Cừ cho biết giá tăng. Kỳ thi THPT quốc gia diễn ra.",
        &[("person", "Nguyễn Văn Cừ")],
    );
    expect_not(
        "Kỳ thi THPT quốc gia diễn ra.",
        "organization",
        "THPT quốc gia",
    );
}

#[test]
fn given_names_that_are_countries() {
    // A country's one-syllable name is also a given name (`Đức`, `Nga`):
    // after a rank, the court's words or `bầu`, and where a person of that
    // given name is named in the text, it is the person.
    let t = "Anh Nguyễn Văn Đức bị thương. Đồng đội đưa Đức vào viện, thượng úy Đức \
             đã tỉnh. Phiên tòa xét xử bị cáo Nga. Đội bóng của bầu Hiển thắng.";
    expect_not(t, "place", "Đức");
    expect_not(t, "place", "Nga");
    expect(t, &[("person", "Nguyễn Văn Đức"), ("person", "Đức")]);
    // The country, where no such person is named, or after a word of place
    // even where one is.
    expect("Đoàn công tác sang Đức và Pháp.", &[("place", "Đức")]);
    expect(
        "Anh Nguyễn Văn Đức từng du học tại Đức.",
        &[("person", "Nguyễn Văn Đức"), ("place", "Đức")],
    );
    // An office before a country's name is the country's.
    expect("Thủ tướng Đức thăm Hà Nội.", &[("place", "Đức")]);
}

#[test]
fn departments_by_their_initials_and_short_names() {
    expect(
        "Sở GD&ĐT tỉnh Bình Phước và Sở KH-ĐT Cà Mau đã họp với Bộ LĐ-TB&XH về việc làm.",
        &[
            ("organization", "Sở GD&ĐT tỉnh Bình Phước"),
            ("organization", "Sở KH-ĐT Cà Mau"),
            ("organization", "Bộ LĐ-TB&XH"),
        ],
    );
    expect(
        "Theo Sở VH-TT&DL Kon Tum, lễ hội kéo dài ba ngày; Sở GTVT Lạng Sơn phân luồng xe.",
        &[
            ("organization", "Sở VH-TT&DL Kon Tum"),
            ("organization", "Sở GTVT Lạng Sơn"),
        ],
    );
    expect(
        "Sở Giáo dục TP.HCM và Sở Tài nguyên tỉnh Sóc Trăng cùng ký kết.",
        &[
            ("organization", "Sở Giáo dục TP.HCM"),
            ("organization", "Sở Tài nguyên tỉnh Sóc Trăng"),
        ],
    );
    // Two capitals are the city's type word, not a department.
    expect_not("Sở TP.HCM", "organization", "Sở TP");
}

#[test]
fn a_body_keeps_its_city_and_numbered_unit() {
    expect(
        "Bà Lan, Chủ tịch Hội Phụ nữ phường 7, nhận quà của Sở Y tế TP.HCM.",
        &[
            ("organization", "Hội Phụ nữ phường 7"),
            ("organization", "Sở Y tế TP.HCM"),
        ],
    );
}

#[test]
fn a_centre_named_by_a_word_is_a_body() {
    // `Tư` and `Pháp` are places on their own; here they open words.
    expect(
        "Hôm qua, Trung tâm Tư vấn Pháp luật đã mở lớp cho người dân.",
        &[("organization", "Trung tâm Tư vấn Pháp luật")],
    );
    expect_not(
        "Hôm qua, Trung tâm Tư vấn Pháp luật đã mở lớp cho người dân.",
        "place",
        "Pháp",
    );
    // The centre of a place is still no body.
    expect_not(
        "Khách sạn nằm ở trung tâm Đà Nẵng, gần sông Hàn.",
        "organization",
        "trung tâm Đà Nẵng",
    );
}

#[test]
fn offices_unions_and_legislatures() {
    expect(
        "Văn phòng Chính phủ, Tổng hội Sinh viên Cần Thơ và Thành đoàn Đà Nẵng nhận thư; Hạ viện đã bỏ phiếu.",
        &[
            ("organization", "Văn phòng Chính phủ"),
            ("organization", "Tổng hội Sinh viên Cần Thơ"),
            ("organization", "Thành đoàn Đà Nẵng"),
            ("organization", "Hạ viện"),
        ],
    );
    // An office in lower case is a room.
    expect_not(
        "Anh ngồi trong văn phòng Hà Nội của công ty.",
        "organization",
        "văn phòng Hà Nội",
    );
}

#[test]
fn department_names_with_any_joiner() {
    expect(
        "Bộ Tài nguyên - Môi trường và Sở Văn hóa, Thể thao và Du lịch Bắc Giang đã thống nhất.",
        &[
            ("organization", "Bộ Tài nguyên - Môi trường"),
            ("organization", "Sở Văn hóa, Thể thao và Du lịch Bắc Giang"),
        ],
    );
    expect(
        "Sở Văn hóa và Thể thao Thanh Hóa phối hợp với Bộ Nông nghiệp - Phát triển nông thôn.",
        &[
            ("organization", "Sở Văn hóa và Thể thao Thanh Hóa"),
            ("organization", "Bộ Nông nghiệp - Phát triển nông thôn"),
        ],
    );
    // Two bodies joined by `và` stay two.
    expect(
        "Bộ Y tế và Bộ Tài chính cùng ký.",
        &[
            ("organization", "Bộ Y tế"),
            ("organization", "Bộ Tài chính"),
        ],
    );
}

#[test]
fn an_office_of_a_body_is_one_organization_with_it() {
    // A chain of bodies (`Văn phòng` | `Tổng cục …`); `công đoàn` in
    // lower case before a company names the company alone.
    let t = "Văn phòng Tổng cục Thống kê và công đoàn Công ty May Nhà Bè gửi thư.";
    expect(
        t,
        &[
            ("organization", "Văn phòng Tổng cục Thống kê"),
            ("organization", "Công ty May Nhà Bè"),
        ],
    );
    expect_not(t, "organization", "Tổng cục Thống kê");
}

#[test]
fn department_parts_in_either_case_and_without_joiner() {
    expect(
        "Bộ Tài nguyên và môi trường hướng dẫn; Bộ Kế hoạch Đầu tư công bố số liệu.",
        &[
            ("organization", "Bộ Tài nguyên và môi trường"),
            ("organization", "Bộ Kế hoạch Đầu tư"),
        ],
    );
}

#[test]
fn other_names_of_units() {
    // `Sài Gòn`, the city's name before 1976, is the city.
    let t = "Năm 2010, anh rời quê vào Sài Gòn lập nghiệp.";
    expect(t, &[("province", "Sài Gòn")]);
    // Names built on it are not the city.
    expect_not("Tàu cập cảng trên sông Sài Gòn.", "province", "Sài Gòn");
}

#[test]
fn a_body_keeps_its_city_written_in_one_word() {
    expect(
        "Lãnh đạo UBND TPHCM đã giao việc; Sở Y tế TPHCM cho biết.",
        &[
            ("organization", "UBND TPHCM"),
            ("organization", "Sở Y tế TPHCM"),
        ],
    );
}

#[test]
fn a_player_named_after_the_position() {
    // A player's position introduces a bare name, as a title does, even a
    // name that is also a commune's.
    expect(
        "Thủ môn Tiến Dũng bắt bóng tốt, tiền vệ Hoàng Nam ghi bàn. Trung vệ Minh Tuấn bị thẻ vàng.",
        &[
            ("person", "Tiến Dũng"),
            ("person", "Hoàng Nam"),
            ("person", "Minh Tuấn"),
        ],
    );
    // A position before lower-case words names nobody.
    let t = "Đội hình có ba tiền vệ và hai tiền đạo, thủ môn dự bị chưa ra sân.";
    assert!(
        pairs(t).iter().all(|(k, _)| k != "person"),
        "{:?}",
        pairs(t)
    );
}

#[test]
fn a_given_name_alone() {
    // One capitalized syllable inside a sentence between words in lower
    // case, that is no word of its own: a given name; opening a sentence,
    // once it is known as a name.
    let t = "Sáng nay Vy dậy sớm. Vy ăn vội rồi chạy ra bến xe.";
    expect(t, &[("person", "Vy")]);
    assert_eq!(pairs(t).iter().filter(|(k, _)| k == "person").count(), 2);
    expect_not("Buýt chạy thêm tuyến mới.", "person", "Buýt");
    // One that is also a word or a family name, after a word that takes a
    // person and before the clause ends.
    let t = "Cả nhà đều thương Hạnh, nhưng tiền học của Hoa do bà ngoại lo. Bà gửi cho Hoa.";
    expect(t, &[("person", "Hoa")]);
    // The same syllables opening a capitalized phrase, or after a word
    // that makes them a people, a place or a feast, are no names; nor are
    // syllables joined to letters or in mixed case.
    for (t, w) in [
        ("Dân làng đến dự cùng Lễ dâng hương đầu năm.", "Lễ"),
        ("Văn bản của Cuộc họp nêu rõ thời hạn.", "Cuộc"),
        ("Chị thường mua rau bên Co.op gần nhà.", "Co"),
        ("Nhà máy lắp cảm biến cho IoT trong xưởng.", "IoT"),
        ("Tỉnh duyệt dự án Cụm công nghiệp làng nghề.", "Cụm"),
        ("Nhiều người Hoa sống ở khu này.", "Hoa"),
        ("Năm ấy cả nhà anh vào Nam lập nghiệp.", "Nam"),
        ("Dịp Tết năm nay chợ đông hơn.", "Tết"),
        ("Dịch Covid khiến quán phải đóng cửa.", "Covid"),
        ("Nhiều bạn trẻ chọn học tiếng Việt và tiếng Nhật.", "Việt"),
        ("Xe xuống dốc Cun thì mất phanh.", "Cun"),
        ("Lễ hội mở đầu bằng nghi thức dâng Mẫu.", "Mẫu"),
    ] {
        expect_not(t, "person", w);
    }
}

#[test]
fn a_name_of_two_given_names_without_a_family_name() {
    // Two syllables of given and middle names, with what a speaker does
    // after them: a person, also opening a sentence, and also where a
    // commune bears the same name.
    expect(
        "Sau trận đấu, Tiến Dũng nói với phóng viên rằng cả đội đã cố gắng.",
        &[("person", "Tiến Dũng")],
    );
    expect(
        "Hoài Linh chia sẻ trên trang cá nhân về buổi diễn tối qua.",
        &[("person", "Hoài Linh")],
    );
    // `Trường`, a school's head word, opens a name there, no body's: the
    // pair after it is no body's name, and is the person named again.
    let t = "Trường Giang cũng theo Nhã Phương về quê ăn Tết. Bố mẹ Nhã Phương rất quý anh.";
    assert_eq!(
        pairs(t)
            .iter()
            .filter(|(k, x)| k == "person" && x == "Nhã Phương")
            .count(),
        2,
        "{:?}",
        pairs(t)
    );
    // Near misses: the text names the commune with its type word; the
    // pair ends a company's name, here and so wherever else written.
    let t = "Xã Tiến Dũng vừa đạt chuẩn nông thôn mới. Tiến Dũng cho biết sẽ làm thêm đường.";
    expect_not(t, "person", "Tiến Dũng");
    let t =
        "Tập đoàn Thủy sản Minh Phú đặt mục tiêu mới. Năm nay Minh Phú cho biết sẽ xuất khẩu thêm.";
    expect(t, &[("organization", "Tập đoàn Thủy sản Minh Phú")]);
    expect_not(t, "person", "Minh Phú");
    // A foreign name after a role and a body's head word may be the
    // holder's: it stays a person where the text says so.
    let t = "Đại sứ gặp Giám đốc Học viện Walter Carter. Giám đốc Walter Carter cho biết học viện sẽ mở rộng.";
    assert_eq!(
        pairs(t)
            .iter()
            .filter(|(k, x)| k == "person" && x == "Walter Carter")
            .count(),
        2,
        "{:?}",
        pairs(t)
    );
    // Nor is a pair cued only by what any speaker does, inside a body's
    // name written right before it.
    expect_not(
        "Ông Lâm, giám đốc Công ty Bảo Hưng nói thêm về kế hoạch.",
        "person",
        "Bảo Hưng",
    );
}

#[test]
fn a_name_ends_before_the_next_sentence_whose_stop_was_lost() {
    // `Ông` before a family name opens the next sentence; `Anh`, also a
    // given name, may go on a name.
    let t = "Bằng cấp của ông Đạt, em ông Tân Ông Dương Hồng Tân sau đó đã trả lời.";
    expect(t, &[("person", "Tân"), ("person", "Dương Hồng Tân")]);
    expect_not(t, "person", "Tân Ông");
    expect(
        "Bà Nguyễn Thị Anh Đào cho biết như vậy.",
        &[("person", "Nguyễn Thị Anh Đào")],
    );
}

#[test]
fn a_people_named_after_an_order_word_is_no_person() {
    expect_not(
        "Tích xưa kể có một người Ba Tàu rất giàu.",
        "person",
        "Ba Tàu",
    );
    expect(
        "Sáng nay anh em gặp Ba Tàu ở bến đò.",
        &[("person", "Ba Tàu")],
    );
}

#[test]
fn a_place_written_again_by_its_name_alone() {
    let t = "Du khách lên chùa Yên Tử rất đông. Lễ hội Yên Tử kéo dài ba tháng.";
    expect(t, &[("place", "chùa Yên Tử"), ("place", "Yên Tử")]);
    assert_eq!(
        ents(t)
            .iter()
            .filter(|e| e.text == "Yên Tử")
            .map(|e| e.subtype().map(str::to_string))
            .collect::<Vec<_>>(),
        [Some("landmark".to_string())]
    );
    // Near misses: a name that another capitalized word goes on; a name
    // opening with a title, which alone is the person.
    let t = "Xe đi trên đường Cộng Hòa. Chính phủ Cộng Hòa Pháp ra lệnh.";
    expect(t, &[("place", "đường Cộng Hòa")]);
    expect_not(t, "place", "Cộng Hòa");
    let t = "Dân làng ra đền Bà Chúa Kho. Hình tượng Bà Chúa Kho rất thiêng.";
    assert_eq!(
        pairs(t).iter().filter(|(k, _)| k == "place").count(),
        1,
        "{:?}",
        pairs(t)
    );
}

#[test]
fn preschools_by_their_head_words() {
    expect(
        "Bà Tân, chủ cơ sở mầm non Hoa Mai, cho biết nhóm lớp Hoa Sen đã đóng cửa.",
        &[
            ("organization", "cơ sở mầm non Hoa Mai"),
            ("organization", "nhóm lớp Hoa Sen"),
        ],
    );
    expect_not("Hoa Sen cho biết cô đã nghỉ.", "organization", "Hoa Sen");
    // `mầm non` alone names the level of schooling.
    let t = "Ngành giáo dục mầm non Hà Nội cần thêm giáo viên.";
    assert!(
        !pairs(t).iter().any(|(k, _)| k == "organization"),
        "{:?}",
        pairs(t)
    );
}

#[test]
fn clubs_and_companies_known_by_name() {
    let t = "MU thắng Leicester, còn Man City hòa Chelsea; Uber và Alibaba mở văn phòng.";
    expect(
        t,
        &[
            ("organization", "MU"),
            ("organization", "Man City"),
            ("organization", "Chelsea"),
            ("organization", "Uber"),
            ("organization", "Alibaba"),
        ],
    );
    expect(
        "Nhà Trắng cho biết IS đã rút; giá vàng SJC và PNJ tăng, Vietlott mở thưởng.",
        &[
            ("organization", "Nhà Trắng"),
            ("organization", "IS"),
            ("organization", "SJC"),
            ("organization", "PNJ"),
            ("organization", "Vietlott"),
        ],
    );
    expect_not("This is the end.", "organization", "is");
    // A name of several words known as a body is no person before a verb
    // of saying.
    let t = "Nhà Trắng và Lầu Năm Góc cho biết sẽ rút quân.";
    expect(t, &[("organization", "Lầu Năm Góc")]);
    expect_not(t, "person", "Lầu Năm Góc");
    // An acronym only in capitals; a club named as its city is not listed.
    expect_not("Em bé mu mắt vì khóc.", "organization", "mu");
    expect_not(
        "Thành phố Liverpool đón du khách.",
        "organization",
        "Liverpool",
    );
}

#[test]
fn national_teams_by_head_word() {
    let t = "Sau trận hòa, ĐT Việt Nam gặp đội tuyển Jordan, còn tuyển Nhật Bản nghỉ. \
             Đội tuyển nữ Thái Lan về nhì.";
    expect(
        t,
        &[
            ("organization", "ĐT Việt Nam"),
            ("organization", "đội tuyển Jordan"),
            ("organization", "tuyển Nhật Bản"),
            ("organization", "Đội tuyển nữ Thái Lan"),
        ],
    );
    // The country in a team's name is no place mention.
    expect_not(t, "place", "Jordan");
    // Near misses: `ĐT` closing an abbreviation, `tuyển` closing a word,
    // a one-syllable country opening a longer name.
    let t = "Sở GD&ĐT Lào Cai và bộ GD - ĐT Việt Nam tuyển thêm giáo viên; \
             em trúng tuyển Việt Nam học viện; \
             ban tuyển Anh Tuấn vào làm.";
    assert!(
        !pairs(t)
            .iter()
            .any(|(k, x)| k == "organization" && (x.contains("tuyển") || x.starts_with("ĐT"))),
        "{:?}",
        pairs(t)
    );
}

#[test]
fn age_group_national_teams() {
    let t = "Đội tuyển U23 Việt Nam thắng U.23 Malaysia rồi gặp U-22 Thái Lan.";
    expect(
        t,
        &[
            ("organization", "U23 Việt Nam"),
            ("organization", "U.23 Malaysia"),
            ("organization", "U-22 Thái Lan"),
        ],
    );
    // The country in a team's name is no place mention.
    expect_not(t, "place", "Malaysia");
    // Near misses: the age group alone, or before no country.
    let t = "Cầu thủ lứa U23 chơi tốt ở Việt Nam, còn U19 Hoàng Anh Gia Lai thì thua.";
    expect(t, &[("place", "Việt Nam")]);
    assert!(
        !pairs(t)
            .iter()
            .any(|(k, x)| k == "organization" && x.starts_with('U')),
        "{:?}",
        pairs(t)
    );
}

#[test]
fn names_listed_with_names_of_one_kind() {
    // Two or more people found in a list make its other names people.
    let t = "Đội hình có Nguyễn Văn Toàn, Lê Văn Sơn, Hồng Duy và Thanh Tùng.";
    expect(t, &[("person", "Hồng Duy"), ("person", "Thanh Tùng")]);
    // Countries, then a country the lists do not know.
    let t = "Đoàn đã đi Pháp, Đức, Latvia và Zembla trong tháng này.";
    expect(t, &[("place", "Zembla")]);
    // Near misses: found items of two kinds; no item found; a word in
    // capitals or with digits among people.
    let t = "Chuyến đi gồm Nguyễn Văn Toàn, Hà Nội và Thanh Tùng.";
    expect_not(t, "person", "Thanh Tùng");
    let t = "Ngũ hành gồm có: Kim, Mộc, Thủy, Hỏa, Thổ.";
    assert!(
        !pairs(t).iter().any(|(k, _)| k == "person"),
        "{:?}",
        pairs(t)
    );
    let t = "Các cơ quan UBND tỉnh, HĐND, KT-XH, MTTQ cùng họp.";
    expect_not(t, "organization", "KT-XH");
    let t = "Đội hình có Nguyễn Văn Toàn, Lê Văn Sơn, VIGLACERA và U23 Việt Nam.";
    expect_not(t, "person", "VIGLACERA");
    expect_not(t, "person", "U23 Việt Nam");
}

#[test]
fn bylines_and_photo_credits() {
    // The byline closing the text: people, not the communes named alike;
    // two authors joined by a dash; the outlet of a closing `Theo`.
    let t = "Huyện đã trồng thêm 20 ha rừng trong tháng Giêng. Minh Hoàng";
    expect(t, &[("person", "Minh Hoàng")]);
    assert!(
        !ents(t)
            .iter()
            .any(|e| e.text == "Minh Hoàng" && e.kind().is_place())
    );
    expect(
        "Cầu mới sẽ thông xe trước Tết. Đình Sơn - Lê Quân",
        &[("person", "Đình Sơn"), ("person", "Lê Quân")],
    );
    expect(
        "Các hãng sẽ gửi thư vào tuần sau. Lê Kiên (Theo CNBC)",
        &[("person", "Lê Kiên"), ("organization", "CNBC")],
    );
    expect(
        "Giá xe tăng nhẹ trong quý đầu năm. Theo VnExpress",
        &[("organization", "VnExpress")],
    );
    // What the author did in brackets; the outlet after a slash or in
    // capitals in brackets; an initial before the given name.
    expect(
        "Xin cảm ơn bà về cuộc trò chuyện! Thu Trang (ghi)",
        &[("person", "Thu Trang")],
    );
    expect(
        "Mong các bạn cho tôi lời khuyên. Hạnh/Theo VTC",
        &[("person", "Hạnh"), ("organization", "VTC")],
    );
    expect(
        "Đoàn sẽ về thăm xã vào tháng tới. Văn Toàn (TTXVN)",
        &[("person", "Văn Toàn"), ("organization", "TTXVN")],
    );
    expect(
        "Hội nghị bế mạc chiều cùng ngày. K. Linh",
        &[("person", "K. Linh")],
    );
    expect(
        "Hai người chia tay sau một năm. Theo Mai Lan (VTV)",
        &[("person", "Mai Lan"), ("organization", "VTV")],
    );
    let t = "Món này hợp với mùa đông. Lan Chi (TH)";
    expect(t, &[("person", "Lan Chi")]);
    assert!(
        !pairs(t).iter().any(|(k, _)| k == "organization"),
        "{:?}",
        pairs(t)
    );
    // A word of one letter ends a sentence before the byline.
    expect(
        "Hàng Việt có mặt ở nhiều nước Đông Á. Thảo Vy",
        &[("person", "Thảo Vy")],
    );
    // A closing line that is both a credit and a byline is one person.
    let t = "Con đường mới đã thông xe. Bài và ảnh: Thanh Tùng";
    assert_eq!(
        ents(t).iter().filter(|e| e.text == "Thanh Tùng").count(),
        1,
        "{:?}",
        ents(t)
    );
    // Near misses: capitals after a slash or in brackets that follow no
    // byline are no outlet.
    let t = "Xe dùng định vị kép GPS/GLONASS";
    assert!(
        !pairs(t).iter().any(|(k, _)| k == "organization"),
        "{:?}",
        pairs(t)
    );
    let t = "Tàu chở hàng cập cảng chiều qua. Khách Hàng (VIP)";
    assert!(
        !pairs(t)
            .iter()
            .any(|(k, v)| k == "organization" && v == "VIP"),
        "{:?}",
        pairs(t)
    );
    // A photograph's credit, up to a slash, a mark or the next sentence
    // whose stop the text lost (`Với`, `Công an` open it).
    expect(
        "Người dân xếp hàng mua vàng. Ảnh: Mạnh Hùng/TTXVN. Giá vàng tăng.",
        &[("person", "Mạnh Hùng")],
    );
    expect(
        "Bé được chăm sóc tại nhà (Ảnh: Bích Thủy). Sáng nay trời mưa.",
        &[("person", "Bích Thủy")],
    );
    let t = "Phiên tòa mở sáng nay. Ảnh: Quốc Thắng Công an quận Thủ Đức đã khởi tố vụ án.";
    expect(t, &[("person", "Quốc Thắng")]);
    expect_not(t, "person", "Quốc Thắng Công");
    // Near misses: a closing line that is a place, a word, an agency in
    // capitals or a foreign source; a credit naming a newspaper.
    expect_not(
        "Người dân đổ về thủ đô dịp cuối tuần. Hà Nội",
        "person",
        "Hà Nội",
    );
    expect_not("Mọi việc đã xong xuôi. Xem thêm", "person", "Xem thêm");
    assert!(
        !pairs("Bài viết đã được đăng. PV")
            .iter()
            .any(|(k, _)| k == "person")
    );
    expect_not(
        "Lá cây được hãm làm nước uống. Ảnh: Getty Images.",
        "person",
        "Getty Images",
    );
    expect_not(
        "Bà Dung tại cơ quan công an (Ảnh: Báo Lào Cai). Sau đó",
        "person",
        "Báo Lào Cai",
    );
}

#[test]
fn a_known_given_name_after_another_part_of_a_name() {
    // Opening a sentence, the word before a known name is no part of it;
    // inside a sentence, a capitalized word before it is its first part.
    let t = "Cả lớp chờ Vy đến. Theo Vy, buổi học bắt đầu muộn. Bạn thân Hồng Vy cũng đến.";
    expect(t, &[("person", "Vy"), ("person", "Hồng Vy")]);
    expect_not(t, "person", "Theo Vy");
    // A country before the name is no part of it.
    let t = "Tổng thống Mỹ Jack Harlan phát biểu. Sau đó Mỹ Jack Harlan rời đi.";
    expect_not(t, "person", "Mỹ Jack Harlan");
    // A known given name closing a place's name is no person.
    let t = "Đây là xe của Lâm. Người dân Bảo Lâm trồng chè.";
    expect(t, &[("person", "Lâm")]);
    expect_not(t, "person", "Bảo Lâm");
}

#[test]
fn a_family_name_that_is_a_word_of_motion() {
    // `Từ` before a province or a country opens a phrase of motion.
    let t = "Từ Đà Nẵng lên đèo mất một giờ. Từ Lào về, anh mở quán.";
    expect_not(t, "person", "Từ Đà Nẵng");
    expect_not(t, "person", "Từ Lào");
    expect(t, &[("province", "Đà Nẵng")]);
    // A person of that family name is still a person.
    expect(
        "Bà Từ Thị Lan, Hiệu trưởng nhà trường, phát biểu.",
        &[("person", "Từ Thị Lan")],
    );
}

#[test]
fn organizations_with_a_description_in_lower_case() {
    // A brand after a description in lower case ends the name.
    expect(
        "Chị làm cho Công ty Nước khoáng thiên nhiên Aqualine được hai năm.",
        &[("organization", "Công ty Nước khoáng thiên nhiên Aqualine")],
    );
    // A place, a body or a known company after it is not the brand.
    let t = "Công ty Điện lực thông báo Hà Đông sẽ mất điện.";
    expect(t, &[("organization", "Công ty Điện lực")]);
    expect_not(t, "organization", "Công ty Điện lực thông báo Hà Đông");
    let t = "Trung tâm Y tế hỗ trợ Hội Chữ thập đỏ phát thuốc.";
    expect(t, &[("organization", "Trung tâm Y tế")]);
    // Two common words capitalized, joined by `và`, in one name.
    expect(
        "Hôm qua Trung tâm Chăm sóc và Phục hồi sức khỏe Lotus khai trương.",
        &[(
            "organization",
            "Trung tâm Chăm sóc và Phục hồi sức khỏe Lotus",
        )],
    );
    // `và` before another body joins two names.
    expect(
        "Trung tâm Y tế và Bệnh viện Đa khoa cùng vào cuộc.",
        &[
            ("organization", "Trung tâm Y tế"),
            ("organization", "Bệnh viện Đa khoa"),
        ],
    );
    // A head word of two syllables in lower case, then a word that
    // overlaps it (`tâm tư`, `tư vấn`): the name goes on.
    expect(
        "Chị tìm đến trung tâm tư vấn phòng chống HIV của quận.",
        &[("organization", "trung tâm tư vấn phòng chống HIV")],
    );
}

#[test]
fn a_board_goes_on_with_its_name() {
    expect(
        "Ông Lâm là trưởng Ban Quản lý Khu kinh tế Vân Phong từ năm ngoái.",
        &[("organization", "Ban Quản lý Khu kinh tế Vân Phong")],
    );
    expect(
        "Theo Ban quản lý dự án Giao thông 3, cầu sẽ thông xe trong tháng tới.",
        &[("organization", "Ban quản lý dự án Giao thông 3")],
    );
    // Alone, written as a body, the board is still one.
    expect(
        "Ban Chỉ đạo cho biết sẽ họp lại vào tuần sau.",
        &[("organization", "Ban Chỉ đạo")],
    );
    // In lower case, with no name after it, a board is no body.
    expect_not(
        "Mỗi thôn đều lập một ban quản lý để lo việc chung.",
        "organization",
        "ban quản lý",
    );
    // A place inside its name ends with the place's last syllable.
    expect(
        "Trưởng Ban chỉ đạo Tây Nguyên phát biểu tại hội nghị.",
        &[("organization", "Ban chỉ đạo Tây Nguyên")],
    );
    // Its name ends before a program.
    expect(
        "Ban Chỉ đạo Chương trình 135 họp ngày 5.",
        &[("organization", "Ban Chỉ đạo")],
    );
}

#[test]
fn a_title_of_a_work_or_a_storm_is_no_given_name() {
    for (t, w) in [
        ("Cô hát lại bài hát Vy do mẹ sáng tác.", "Vy"),
        ("Anh vừa viết xong tác phẩm Khuê trong mùa hè.", "Khuê"),
        ("Em đọc cuốn Khuê suốt đêm qua.", "Khuê"),
        ("Tỉnh chuẩn bị ứng phó bão Tuấn sắp vào bờ.", "Tuấn"),
    ] {
        expect_not(t, "person", w);
    }
    // The same syllables after other words are given names.
    for (t, w) in [
        ("Cả lớp đợi Vy do trời mưa.", "Vy"),
        ("Anh vừa gặp Khuê trong mùa hè.", "Khuê"),
        ("Tỉnh cử Tuấn sang học.", "Tuấn"),
    ] {
        expect(t, &[("person", w)]);
    }
}

#[test]
fn names_on_either_side_of_a_dash_set_apart() {
    // A dash with spaces around it joins two names, each a place.
    let t = "Kim ngạch thương mại Nhật Bản - Ấn Độ tăng, chuyến bay Hà Nội – Bangkok kín chỗ.";
    expect(
        t,
        &[
            ("place", "Nhật Bản"),
            ("place", "Ấn Độ"),
            ("place", "Bangkok"),
        ],
    );
    // Written tight, the dash joins the syllables of one name: no country
    // is read inside it.
    expect_not(
        "Anh gặp lại bạn cũ Kim Đức-Nga ở quán quen.",
        "place",
        "Nga",
    );
}

#[test]
fn a_title_in_capitals_introduces_a_name() {
    // An abbreviated title inside a sentence opens no name of its own: the
    // name after it is the person's, of any shape.
    let t = "Sau trận đấu, HLV Quang Hải khen học trò; đội của HLV Rossetti thua.";
    expect(t, &[("person", "Quang Hải"), ("person", "Rossetti")]);
    // A title alone before a body or a work names nobody.
    let t = "Hôm qua, HLV Trường Cao đẳng Thể thao dẫn đội đi thi.";
    expect_not(t, "person", "Trường Cao");
    expect_not(
        "Trước đó, HLV The Winners chọn đủ thí sinh.",
        "person",
        "The Winners",
    );
}

#[test]
fn a_name_goes_on_after_a_tight_hyphen() {
    // Korean and French given names written with a hyphen are one name; a
    // syllable in lower case after the hyphen is its last.
    let t = "Ông Choi Min-jae gặp bà Marie-Claire Roux, rồi tiền đạo Han Ji-Hoon ghi bàn.";
    expect(
        t,
        &[
            ("person", "Choi Min-jae"),
            ("person", "Marie-Claire Roux"),
            ("person", "Han Ji-Hoon"),
        ],
    );
    // Two Vietnamese names joined by a hyphen are two names (a place
    // after a lake's name), and a title opening a sentence that makes a
    // unit's name joined by a dash to another is that unit.
    let t = "Anh Vĩnh gửi ảnh hồ Tuyền Lâm-Đà Lạt. Bà Rịa - Vũng Tàu mở thêm cảng.";
    expect_not(t, "person", "Lâm-Đà Lạt");
    expect_not(t, "person", "Rịa");
    expect(t, &[("province", "Bà Rịa - Vũng Tàu")]);
    // Alone, the same title and name may be a person.
    expect(
        "Anh Sơn, người bán cá, cho biết giá tăng.",
        &[("person", "Sơn")],
    );
}

#[test]
fn a_head_of_two_syllables_before_a_name() {
    // A head word of two syllables opens the body before a name or a legal
    // form, even where its first syllable closes a word begun before it
    // (`ra công`).
    expect(
        "Ngoài ra Công ty Cổ phần Minh Khang góp vốn.",
        &[("organization", "Công ty Cổ phần Minh Khang")],
    );
    expect(
        "Sau đó ra công ty tnhh Bảo Tín làm việc.",
        &[("organization", "công ty tnhh Bảo Tín")],
    );
    // Before a word in lower case that is no part of a name, the word
    // begun before it stands.
    expect_not(
        "Nhờ ra công ty khoe hàng, anh bán được nhiều.",
        "organization",
        "công ty",
    );
}

#[test]
fn central_bodies_of_the_party() {
    expect(
        "Ông là Ủy viên Bộ Chính trị; Ban Bí thư vừa ra chỉ thị mới.",
        &[
            ("organization", "Bộ Chính trị"),
            ("organization", "Ban Bí thư"),
        ],
    );
    // A secretary of a body is no body, nor is the word in lower case.
    let t = "Bí thư chi bộ và ban bí thư của lớp họp bàn chính trị.";
    expect_not(t, "organization", "ban bí thư");
    expect_not(t, "organization", "Bí thư");
}

#[test]
fn royalty_offices_abroad_and_callings_before_a_name() {
    let t = "Nữ hoàng Đan Mạch Margrethe tiếp Thượng nghị sĩ Tom Harkin, \
             tỷ phú Oleg Deripaska và tay vợt Petra Kvitova; MC Thu Hà dẫn chương trình.";
    expect(
        t,
        &[
            ("person", "Margrethe"),
            ("person", "Tom Harkin"),
            ("person", "Oleg Deripaska"),
            ("person", "Petra Kvitova"),
            ("person", "Thu Hà"),
            ("place", "Đan Mạch"),
        ],
    );
    // Near misses: the title in jest (quoted, or before a word that is no
    // given name), a country after the title, the title before a word it
    // opens (`Đại sứ quán`).
    let t = "Cô đoạt danh hiệu “Nữ hoàng Sen Hồng”; vua Lỗ nghe theo; \
             đội vào chung kết Cúp Nhà Vua Tây Ban Nha; tại Đại sứ quán Pháp.";
    for name in ["Sen Hồng", "Lỗ", "Tây Ban Nha", "quán Pháp"] {
        expect_not(t, "person", name);
    }
}

#[test]
fn titles_whose_first_syllable_opens_names() {
    // Found by their second syllable in lower case.
    let t = "Hoàng tử Harry và công chúa Charlotte dự lễ; Quốc vương Qatar Tamim tiếp khách.";
    expect(
        t,
        &[
            ("person", "Harry"),
            ("person", "Charlotte"),
            ("person", "Tamim"),
            ("place", "Qatar"),
        ],
    );
    // Near misses: the syllables as a name before a word (`tử vong`), a
    // word after the title that opens the next sentence.
    expect(
        "Nạn nhân Lê Văn Thái tử vong tại chỗ.",
        &[("person", "Lê Văn Thái")],
    );
    expect_not("Ảnh cưới của công chúa Là đẹp nhất năm.", "person", "Là");
}

#[test]
fn an_office_its_country_then_the_name() {
    // A title of two syllables capitalized inside a sentence is a title;
    // a country's name between it and the name is no part of the name.
    let t = "Hôm qua, Thủ tướng Na Uy Ingrid Holmsen đến Hà Nội; Tổng thống Peru Ortega phát biểu.";
    expect(t, &[("person", "Ingrid Holmsen"), ("person", "Ortega")]);
    expect_not(t, "person", "Na Uy Ingrid Holmsen");
    expect_not(t, "person", "Peru Ortega");
    // A country of two syllables opens no name of its own either.
    expect_not(
        "Ngày 3/4 Hàn Quốc Kang Min-ho ký thỏa thuận.",
        "person",
        "Hàn Quốc Kang Min",
    );
    // A one-syllable country before a one-syllable Vietnamese name may be
    // the first part of the name.
    expect(
        "Hôm qua, Thủ tướng Anh Tuấn về thăm trường cũ.",
        &[("person", "Anh Tuấn")],
    );
    // A hamlet's type word inside a country's name opens no hamlet.
    expect_not(
        "Anh mang về từ Nhật Bản Takeshi Endo một món quà.",
        "place",
        "Bản Takeshi Endo",
    );
    expect(
        "Người dân Bản Phố góp công làm đường.",
        &[("place", "Bản Phố")],
    );
}

#[test]
fn the_head_of_a_body_before_the_body_s_name() {
    // After the head of a body, one syllable that is no Vietnamese one,
    // or a word that opens a body, is the body's name.
    let t = "Ông Lâm, Chủ tịch Zentrix, gặp Chủ tịch Quỹ Hoa Sen.";
    expect_not(t, "person", "Zentrix");
    expect_not(t, "person", "Quỹ Hoa Sen");
    // A Vietnamese syllable there is a person's name, and a family name
    // that also opens a body stays a name.
    expect(
        "Sau đó, Chủ tịch Thưởng và diễn viên Cao Tùng lên sân khấu.",
        &[("person", "Thưởng"), ("person", "Cao Tùng")],
    );
}

#[test]
fn a_list_of_players_by_position() {
    // A position capitalized after a name opens the next entry.
    let t = "Đội hình: Thủ môn Marco Ferri Hậu vệ Luca Conti Tiền đạo Paolo Neri";
    expect(
        t,
        &[
            ("person", "Marco Ferri"),
            ("person", "Luca Conti"),
            ("person", "Paolo Neri"),
        ],
    );
    expect_not(t, "person", "Marco Ferri Hậu");
}

#[test]
fn a_given_name_of_two_syllables_alone() {
    // Two capitalized syllables opening a clause or after a word that
    // takes a person, before a word only a person does: a given name, and
    // the same name later in the text.
    let t = "Sau buổi diễn, Diệu Linh đã ở lại ký tặng. Khán giả ưu ái Diệu Linh vì giọng hát.";
    expect(t, &[("person", "Diệu Linh")]);
    assert_eq!(
        pairs(t).iter().filter(|(k, _)| k == "person").count(),
        2,
        "{:?}",
        pairs(t)
    );
    expect(
        "Món quà ấy là của Hạnh Dung. Cả lớp đều vui.",
        &[("person", "Hạnh Dung")],
    );
    // After a noun, the name is that thing's; a name the text writes
    // after a word of place is a place; two syllables that open a body's
    // name, or a word, are no given name.
    for (t, w) in [
        ("Năm nay danh thắng Kỳ Vân đã đón nhiều khách.", "Kỳ Vân"),
        (
            "Du khách đến Kỳ Vân rất đông. Từ lâu, Kỳ Vân đã là điểm hẹn.",
            "Kỳ Vân",
        ),
        ("Theo báo cáo của Sở Du lịch, lượng khách tăng.", "Sở Du"),
        ("Đó là bài học của Trái Đất.", "Trái Đất"),
        ("Hôm ấy, Sen Vàng là lớp đông nhất.", "Sen Vàng"),
        ("Khán giả mê The Kites đã lâu.", "The Kites"),
    ] {
        expect_not(t, "person", w);
    }
    // The press's form of a territory's name is a place.
    expect(
        "Nhà đầu tư của Hong Kong đã rót thêm vốn.",
        &[("place", "Hong Kong")],
    );
}

#[test]
fn divisions_of_a_district_and_parties() {
    // A division named by a department (`Phòng` + its field, in words or
    // initials) is a body, with its place.
    let t = "Phòng Nội vụ huyện Tân Yên và Phòng TN&MT quận 3 cùng kiểm tra.";
    expect(
        t,
        &[
            ("organization", "Phòng Nội vụ huyện Tân Yên"),
            ("organization", "Phòng TN&MT quận 3"),
        ],
    );
    let division = ents(t)
        .into_iter()
        .find(|e| e.text == "Phòng Nội vụ huyện Tân Yên")
        .expect("the division");
    assert_eq!(
        division
            .org_place()
            .map(|p| (p.link.name.as_str(), p.files)),
        Some(("Huyện Tân Yên", true))
    );
    // `Phòng` before anything else is no body (a room, or to prevent).
    let t = "Phòng Khách của khách sạn rộng. Phòng chống dịch là việc cấp bách.";
    assert!(
        pairs(t).iter().all(|(k, _)| k != "organization"),
        "{:?}",
        pairs(t)
    );
    // A communist party, with its country's name.
    expect(
        "Đoàn đại biểu Đảng Cộng sản Lào sang thăm.",
        &[("organization", "Đảng Cộng sản Lào")],
    );
}

#[test]
fn a_given_name_opening_a_clause_after_a_comma() {
    // A syllable that is also a word, after a comma and before a word only
    // a person as subject takes, is a given name.
    expect(
        "Về đến nhà, Thảo đã nấu xong bữa tối.",
        &[("person", "Thảo")],
    );
    // Not in a list of capitalized words, nor before a copula.
    for (t, w) in [
        ("Tổ hợp Toán, Lý, Hóa đã được nhiều trường dùng.", "Hóa"),
        ("Sau cơn mưa, Thu là mùa đẹp nhất.", "Thu"),
    ] {
        expect_not(t, "person", w);
    }
}

#[test]
fn an_initial_opening_a_sentence() {
    // An initial before a word in lower case, even opening a sentence or a
    // quoted reply, is a person kept anonymous.
    let t = "T. bước vào lớp muộn. Cô giáo hỏi thì em đáp: \"Em xin lỗi\" - V. kể lại.";
    expect(t, &[("person", "T"), ("person", "V")]);
    // Before a capital, an abbreviation (`Q. Bình Thạnh`).
    expect_not("Q. Bình Thạnh có nhiều chợ.", "person", "Q");
}

#[test]
fn water_named_after_its_bank() {
    // `bờ` before a river or a canal: the water named after it.
    expect(
        "Người dân tụ tập bên bờ kênh Thị Nghè và bờ sông Cầu để xem pháo hoa.",
        &[("place", "kênh Thị Nghè"), ("place", "sông Cầu")],
    );
    // `bờ biển` + a province: the province's coast, no sea of that name.
    expect_not(
        "Bờ biển Quảng Ngãi dài hơn 100 km.",
        "place",
        "biển Quảng Ngãi",
    );
}

#[test]
fn a_name_that_opens_like_an_institution() {
    // After a title, a syllable that opens an institution's word (`Tập`,
    // `Công`, `Văn`) before a capitalized syllable it makes no word with
    // opens a name.
    let t = "Hôm qua, Thủ tướng Tập Minh Viễn phát biểu; tiền vệ Công Thái ghi bàn.";
    expect(t, &[("person", "Tập Minh Viễn"), ("person", "Công Thái")]);
    // Before the rest of that word, or a word the next syllable opens, it
    // is the institution.
    let t = "Ông là Chủ tịch Tập đoàn Hòa Phong và Chủ tịch Tổng Liên đoàn Lao động.";
    expect_not(t, "person", "Tập đoàn Hòa");
    expect_not(t, "person", "Tổng Liên");
    assert!(
        pairs(t).iter().all(|(k, _)| k != "person"),
        "{:?}",
        pairs(t)
    );
}

#[test]
fn a_name_in_lower_case_after_its_family_name() {
    // Opening a sentence, the family name alone capitalized.
    expect(
        "Phạm văn tùng đã đến trường từ sớm.",
        &[("person", "Phạm văn tùng")],
    );
    expect(
        "Lưu thị ngân hoa nói rằng chị sẽ về quê.",
        &[("person", "Lưu thị ngân hoa")],
    );
    // All in lower case after a title.
    expect(
        "Kỹ sư đỗ minh khoa , người vẽ cây cầu, kể lại chuyện cũ.",
        &[("person", "đỗ minh khoa")],
    );
    // A word the family name or the middle name opens: no name.
    expect_not("Đồng minh của họ đã rút quân.", "person", "Đồng minh của");
    assert!(
        !pairs("Hồ thị trấn rất sạch, ai cũng khen.")
            .iter()
            .any(|(k, _)| k == "person"),
        "{:?}",
        pairs("Hồ thị trấn rất sạch, ai cũng khen.")
    );
    // In lower case inside a sentence without a title: no name.
    expect_not(
        "Hôm qua trần văn bình đã đến chơi.",
        "person",
        "trần văn bình",
    );
}

#[test]
fn shops_and_abbreviated_universities() {
    expect(
        "Chúng tôi ăn tối ở quán Gió Núi gần chợ.",
        &[("organization", "quán Gió Núi")],
    );
    expect(
        "Chị đặt áo cưới ở tiệm may Hồng Phúc.",
        &[("organization", "tiệm may Hồng Phúc")],
    );
    expect(
        "Anh tốt nghiệp ĐH Bách khoa năm ngoái.",
        &[("organization", "ĐH Bách khoa")],
    );
    // `quán quân` is a word; a level of study alone names no school.
    assert!(
        !pairs("Anh ấy là quán quân giải cờ năm ngoái.")
            .iter()
            .any(|(k, _)| k == "organization")
    );
    assert!(
        !pairs("Kỳ thi vào ĐH năm nay khó hơn.")
            .iter()
            .any(|(k, _)| k == "organization")
    );
}

#[test]
fn a_description_in_lower_case_between_head_word_and_brand() {
    expect(
        "Chị làm kế toán cho công ty sữa tươi Ngọc Bảo từ năm ngoái.",
        &[("organization", "công ty sữa tươi Ngọc Bảo")],
    );
    // No brand after the description, or a place there: no company.
    assert!(
        !pairs("Chị làm kế toán cho công ty sữa tươi này.")
            .iter()
            .any(|(k, _)| k == "organization")
    );
    expect_not(
        "Anh làm cho công ty sữa tươi ở Đà Nẵng.",
        "organization",
        "công ty sữa tươi ở Đà Nẵng",
    );
}

#[test]
fn no_brand_after_a_description_in_lower_case() {
    // A country after the description is the company's, not its brand.
    expect(
        "Một hãng điện thoại Trung Quốc vừa ra mắt mẫu máy mới.",
        &[("place", "Trung Quốc")],
    );
    // Nor a foreign city.
    expect_not(
        "Họ bán rau ở trung tâm thủ đô Bắc Kinh.",
        "organization",
        "trung tâm thủ đô Bắc Kinh",
    );
    // A common word written capitalized is no brand.
    expect_not(
        "Nhiều viện bảo tàng Trên thế giới trưng bày tranh của ông.",
        "organization",
        "viện bảo tàng Trên",
    );
}

#[test]
fn a_name_in_lower_case_after_a_word_that_takes_a_person() {
    expect(
        "Người về nhất là phan thị ngọc mai , học sinh lớp 5.",
        &[("person", "phan thị ngọc mai")],
    );
    // Not after a word that takes no person, nor a phrase that a family
    // name that is also a middle name opens.
    expect_not(
        "Nước chảy vào hồ thị trấn rồi tràn ra sông.",
        "person",
        "hồ thị trấn",
    );
    assert!(
        !pairs("Đó là bước lùi của văn minh con người.")
            .iter()
            .any(|(k, _)| k == "person")
    );
}

#[test]
fn a_hospital_named_by_its_level_holds_a_place() {
    // It is the unit's, a body of the state: it files the document under
    // the unit, which is no place mention of its own.
    let t = "Ba người bị thương được đưa vào bệnh viện huyện Mường Khương cấp cứu.";
    expect(t, &[("organization", "bệnh viện huyện Mường Khương")]);
    let hospital = ents(t)
        .into_iter()
        .find(|e| e.text == "bệnh viện huyện Mường Khương")
        .expect("the hospital");
    assert_eq!(
        hospital
            .org_place()
            .map(|p| (p.link.name.as_str(), p.files)),
        Some(("Huyện Mường Khương", true))
    );
    expect_not(t, "district", "huyện Mường Khương");
    // A hospital named after a place without its level: the place is
    // part of the name.
    expect_not(
        "Chị sinh con tại bệnh viện Phụ sản Hà Nội hôm qua.",
        "province",
        "Hà Nội",
    );
}

#[test]
fn newspapers_named_without_their_head_word() {
    expect(
        "Trao đổi với Tuổi Trẻ, ông cho biết dự án sẽ xong trong năm.",
        &[("organization", "Tuổi Trẻ")],
    );
    // In lower case it is youth; after another capitalized word, a body
    // of its own.
    assert!(
        !pairs("Tuổi trẻ của anh gắn với đồng ruộng.")
            .iter()
            .any(|(k, _)| k == "organization")
    );
    expect_not(
        "Anh tham gia Đoàn Thanh Niên từ năm mười sáu tuổi.",
        "organization",
        "Thanh Niên",
    );
}

#[test]
fn a_body_in_lower_case_named_by_what_it_does_and_its_level() {
    expect(
        "Anh làm quay phim cho đài truyền hình huyện đã mười năm.",
        &[("organization", "đài truyền hình huyện")],
    );
    expect(
        "Chị học năm cuối ở học viện ngoại giao quốc gia , rất bận.",
        &[("organization", "học viện ngoại giao quốc gia")],
    );
    // Bodies of a kind, a rank, a verb before `thành`: no body.
    assert!(
        !pairs("Các đài truyền hình trung ương đều đưa tin này.")
            .iter()
            .any(|(k, _)| k == "organization")
    );
    assert!(
        !pairs("Đó là một tập đoàn hàng đầu quốc gia về thép.")
            .iter()
            .any(|(k, _)| k == "organization")
    );
    assert!(
        !pairs("Bộ cho phép các trường phối hợp thành nhóm để xét tuyển.")
            .iter()
            .any(|(k, t)| k == "organization" && t.starts_with("trường"))
    );
    // `xã hội` is no level: no body cut at `xã`.
    expect_not(
        "Họ nhờ trung tâm công tác xã hội giúp đỡ.",
        "organization",
        "trung tâm công tác xã",
    );
}

#[test]
fn a_given_name_opening_a_sentence_before_what_a_person_does() {
    expect("Khuê cười khi kể lại chuyện cũ.", &[("person", "Khuê")]);
    // A word of the lexicon opening a sentence is that word.
    assert!(
        !pairs("Sau đã có nhiều người đến xem.")
            .iter()
            .any(|(k, _)| k == "person")
    );
    // After an abbreviation and a comma, before a word a subject takes.
    expect(
        "Về lại VN , Nhàn đã mở một quán nhỏ.",
        &[("person", "Nhàn")],
    );
}

#[test]
fn a_head_word_inside_a_units_name() {
    // `Hội An`, `Trường Sa`: places, no body by the head word.
    expect_not(
        "Đoàn khách đến Hội An vào chiều qua.",
        "organization",
        "Hội An",
    );
    expect_not(
        "Tàu cá gặp nạn ở vùng biển Trường Sa VN.",
        "organization",
        "Trường Sa VN",
    );
    // A body by its head word before another name.
    expect(
        "Anh là hội viên Hội Nông dân xã từ lâu.",
        &[("organization", "Hội Nông dân xã")],
    );
}

#[test]
fn a_country_after_an_abbreviation() {
    expect(
        "Cơ quan KOICA Hàn Quốc tài trợ dự án này.",
        &[("place", "Hàn Quốc")],
    );
    // A one-syllable country after an abbreviation may be part of a name.
    expect_not("Anh làm cho Pepsi VN Mỹ nhiều năm.", "place", "Mỹ");
}

#[test]
fn places_named_after_a_day_and_a_month() {
    expect(
        "Vụ va chạm xảy ra trên đường 3/2, gần vòng xoay.",
        &[("place", "đường 3/2")],
    );
    expect(
        "Các em vui chơi ở công viên 30 - 4 đến tối.",
        &[("place", "công viên 30 - 4")],
    );
    // A full date, or a fraction and its measure, names no place.
    expect_not("Giá đường 3/2/2017 lại tăng.", "place", "đường 3/2");
    expect_not("Con đường 1/2 km thì hỏng nặng.", "place", "đường 1/2");
}

#[test]
fn a_title_after_a_form_of_address() {
    // `ông Trưởng ban …`: the title, no name.
    expect_not(
        "Ông Trưởng ban Dân vận cho biết việc đã xong.",
        "person",
        "Trưởng",
    );
    expect("Ông Trưởng nói việc đã xong.", &[("person", "Trưởng")]);
}

#[test]
fn an_initial_in_lower_case_inside_a_sentence() {
    expect(
        "Đêm đã khuya , k. vẫn ngồi một mình bên quán nước.",
        &[("person", "k")],
    );
    expect(
        "Ai cũng sợ tính nóng nảy của t . \" điên \" trong xóm.",
        &[("person", "t")],
    );
    // After a number it is a unit; `v.v.` ends a list.
    assert!(
        !pairs("Anh chạy 5 m. rồi dừng lại.")
            .iter()
            .any(|(k, _)| k == "person")
    );
    assert!(
        !pairs("Họ bán rau, cá, thịt v.v. ở chợ.")
            .iter()
            .any(|(k, _)| k == "person")
    );
}

#[test]
fn a_name_goes_on_with_central_and_with_its_country() {
    expect(
        "Theo Viện Nghiên cứu quản lý kinh tế Trung ương , tăng trưởng sẽ chậm lại.",
        &[("organization", "Viện Nghiên cứu quản lý kinh tế Trung ương")],
    );
}

#[test]
fn a_given_name_that_is_also_a_word_where_only_a_person_is_meant() {
    // A given name that is also a word (`Thảo`, `Thắng`, `Trâm`),
    // anywhere in a sentence, before what only a person does or after a
    // word of kin or of the body.
    for (t, name) in [
        ("Nghe tin ấy, cả nhà lặng đi và Thảo bật khóc.", "Thảo"),
        ("Thảo thở phào khi thấy tên mình trong danh sách.", "Thảo"),
        ("Sáng thứ hai, Thắng gọi điện cho chủ nhà.", "Thắng"),
        ("Chiều nay mẹ Trâm đến tận lớp đón con.", "Trâm"),
        ("Cuối buổi, bàn tay Thư run lên vì mỏi.", "Thư"),
        ("Khi Tiến chạy tới thì chiếc xe đã đi xa.", "Tiến"),
    ] {
        expect(t, &[("person", name)]);
    }
    // The same syllables where no person is meant: a predicate that opens
    // another word (`học phí`), a word the name opens (`Thắng lợi`), a
    // title the syllable opens (`Tiến sĩ`), nothing a person does.
    for (t, w) in [
        ("Thu học phí đúng hạn là việc của nhà trường.", "Thu"),
        ("Thắng lợi ấy mở đường cho mùa giải mới.", "Thắng"),
        ("Khi Tiến sĩ Hùng tới, hội thảo mới bắt đầu.", "Tiến"),
        ("Hoa nở khắp vườn sau cơn mưa.", "Hoa"),
    ] {
        expect_not(t, "person", w);
    }
}

#[test]
fn a_given_name_that_is_a_country_only_where_no_country_is_meant() {
    // `Mỹ` is a country and a given name: a person as the subject of what
    // only a person is or does (an age, a word of kin after `là`, passing
    // an exam).
    for t in [
        "Mỹ, khi ấy mới 12 tuổi, đã phải đi bán vé số.",
        "Mỹ là con trai út trong một nhà có sáu người.",
        "Mãi đến khi Mỹ thi đỗ, cả xóm mới tin.",
    ] {
        expect(t, &[("person", "Mỹ")]);
    }
    // The country: what a country does too, or after a noun, where it
    // says where someone is from.
    let t = "Sau cuộc họp, Mỹ phản đối lệnh cấm.";
    expect_not(t, "person", "Mỹ");
    expect(t, &[("place", "Mỹ")]);
    expect_not("Một phụ nữ Mỹ 30 tuổi vừa kiện hãng dược.", "person", "Mỹ");
    expect_not("Người mẹ Mỹ ấy đã viết thư.", "person", "Mỹ");
}

#[test]
fn a_foreign_first_name_alone() {
    // A common foreign first name alone inside a sentence.
    let t = "Tháng sau tôi sẽ cùng Fred đi Huế, còn Rob ở lại.";
    expect(t, &[("person", "Fred"), ("person", "Rob")]);
    // Not the first part of a longer name with a particle (`Frank de
    // Boer`), and no foreign word that is no first name.
    expect_not(
        "Câu lạc bộ vừa bổ nhiệm Frank de Boer làm huấn luyện viên.",
        "person",
        "Frank",
    );
    expect_not("Tôi gọi xe qua Grab mỗi sáng.", "person", "Grab");
}

#[test]
fn a_foreign_name_opened_by_a_first_name_without_a_title() {
    // A known foreign first name and a foreign family name, with no
    // title before them, inside a sentence or opening it; the family
    // name written alone later is the same person.
    let t = "Phút 30, Marco Bellini tạt bóng để Diego Ferraz đánh đầu. \
             Robert Kowalczyk đã ký hợp đồng hai năm. Sau trận, Ferraz nói anh rất vui.";
    expect(
        t,
        &[
            ("person", "Marco Bellini"),
            ("person", "Diego Ferraz"),
            ("person", "Robert Kowalczyk"),
            ("person", "Ferraz"),
        ],
    );
    // Two names the text runs together: the second first name opens a
    // second name; the word before a known one is no part of it.
    let t = "Nỗi lo của Sergio Moralez Gabriel Ferraz đã ghi hai bàn. \
             Trận sau Moralez Gabriel Ferraz lại ghi bàn.";
    expect(
        t,
        &[("person", "Sergio Moralez"), ("person", "Gabriel Ferraz")],
    );
    expect_not(t, "person", "Moralez Gabriel Ferraz");
    // Near misses: a capitalized run a first name does not open (`Aston
    // Martin`), a business's word (`Cosmetics`), a brand after `hãng`, a
    // school after its head word, a word that is no first name.
    let t = "Chiếc Aston Martin Vanquish mới có giá cao.";
    expect_not(t, "person", "Martin Vanquish");
    expect_not(t, "person", "Aston Martin Vanquish");
    expect_not(
        "Cô vừa mở cửa hàng Kylie Cosmetics ở phố cổ.",
        "person",
        "Kylie Cosmetics",
    );
    expect_not(
        "Khách hàng rất thích hãng Tommy Bellini vì giá rẻ.",
        "person",
        "Tommy Bellini",
    );
    expect_not(
        "Sinh viên Đại học George Mason được nghỉ học.",
        "person",
        "George Mason",
    );
    expect_not(
        "Đội bóng thua Sparta Rotterdam hai bàn.",
        "person",
        "Sparta Rotterdam",
    );
}

#[test]
fn a_holder_s_name_after_the_city_closing_a_body() {
    // After a role and its body, a full Vietnamese name after `TP` that
    // closes the body is the holder's, no city; the body ends before it.
    let t = "Chiều qua, Chủ tịch UBND TP Trần Quốc Khải đã đi kiểm tra đê.";
    expect(
        t,
        &[("person", "Trần Quốc Khải"), ("organization", "UBND TP")],
    );
    expect_not(t, "place", "TP Trần Quốc Khải");
    expect(
        "Giám đốc Công an thành phố Lê Minh Quân cho biết vụ việc đang được điều tra.",
        &[("person", "Lê Minh Quân")],
    );
    // Near misses: a city the gazetteer knows after the same body, and a
    // foreign city of Vietnamese syllables with no role before it.
    let t = "Chủ tịch UBND TP Hồ Chí Minh vừa ký quyết định.";
    expect_not(t, "person", "Hồ Chí Minh");
    expect_not(
        "Đoàn khách đến thành phố Thạch Gia Trang để tham quan.",
        "person",
        "Thạch Gia Trang",
    );
}

#[test]
fn a_country_before_a_foreign_name_and_a_verb_of_saying_is_no_part_of_it() {
    // A country of one syllable between an office and a foreign name,
    // before a verb of saying: the name starts after it.
    let t = "Hôm qua, Thứ trưởng Tài chính Pháp Pierre Dubois nói sẽ tăng thuế.";
    expect(t, &[("person", "Pierre Dubois")]);
    expect_not(t, "person", "Pháp Pierre Dubois");
    // Near miss: a given name that is a country's, before a Vietnamese
    // one, is the name's first syllable.
    expect(
        "Sau buổi diễn, Mỹ Linh nói cô rất xúc động.",
        &[("person", "Mỹ Linh")],
    );
}

#[test]
fn an_initial_after_a_word_of_brands_is_no_person() {
    // `hãng F.`, `hãng Y cho biết`: a company kept anonymous.
    let t = "Theo tôi dự đoán, hãng F. sẽ kiện ngay. Sau đó hãng Y cho biết sẽ bồi thường.";
    expect_not(t, "person", "F");
    expect_not(t, "person", "Y");
    // After a form of address, the same letter is a person.
    expect("Hôm sau bà H. cho biết sẽ bồi thường.", &[("person", "H")]);
}

#[test]
fn a_two_syllable_given_name_after_a_conjunction() {
    // After a conjunction (`vì`), before what a person does.
    expect(
        "Cả nhà mừng vì Khánh Vy đã về kịp bữa cơm.",
        &[("person", "Khánh Vy")],
    );
    // A place's name there is no person.
    expect_not("Tôi ở lại vì Đà Lạt đã vào mùa hoa.", "person", "Đà Lạt");
}

#[test]
fn a_name_of_two_syllables_opening_a_sentence_the_second_in_lower_case() {
    // Some texts write a name's second syllable in lower case: a family
    // or given name, then a given name, closed by a comma or followed by
    // what a person does.
    expect(
        "Khánh linh , sinh viên năm hai, đi làm thêm dịp tết.",
        &[("person", "Khánh linh")],
    );
    // Not a word (`Hoa hồng`), a place (`Bình dương`), or a form of
    // address before a word (`Anh hùng`).
    for (t, w) in [
        ("Hoa hồng , cúc và lan đều bán chạy.", "Hoa hồng"),
        (
            "Bình dương , Đồng Nai có nhiều khu công nghiệp.",
            "Bình dương",
        ),
        ("Anh hùng , liệt sĩ được tưởng nhớ.", "Anh hùng"),
    ] {
        expect_not(t, "person", w);
    }
}

#[test]
fn a_full_name_in_lower_case_set_apart_by_marks() {
    // A full name in lower case after a comma, closed by a dash or a
    // comma (an apposition), or after `về`.
    expect(
        "Hàng đã về kho , trần văn lực - một thủ kho 40 tuổi - cho biết .",
        &[("person", "trần văn lực")],
    );
    expect(
        "Đây là bài viết về phạm minh khoa , một kỹ sư trẻ .",
        &[("person", "phạm minh khoa")],
    );
    expect(
        "\" Cả đêm không ngủ \" , đỗ văn tâm - chủ ghe - kể lại .",
        &[("person", "đỗ văn tâm")],
    );
    // Not a phrase that opens with a family name and a middle name
    // (`văn hóa`), nor one that goes on without a mark.
    expect_not(
        "Nhiều người thích , mai văn hóa dân gian sẽ được dạy .",
        "person",
        "mai văn hóa",
    );
    expect_not(
        "Đồ đạc chất đống , lê thành công trình mới .",
        "person",
        "lê thành công",
    );
}

#[test]
fn a_foreign_first_name_before_a_family_name() {
    // A foreign first name and a family name, before what only a person
    // does.
    expect(
        "Năm 2005 Johnny Lê chạy khắp phố tìm mặt bằng.",
        &[("person", "Johnny Lê")],
    );
}

#[test]
fn two_given_names_joined_by_and() {
    // Two given names joined by `và`, before what a subject does.
    expect(
        "Hôm ấy Lan và Huệ đã đi chợ từ sớm.",
        &[("person", "Lan"), ("person", "Huệ")],
    );
    // Two countries joined so are no people.
    let t = "Mỹ và Nga đã ký hiệp định mới.";
    assert!(
        pairs(t).iter().all(|(k, _)| k != "person"),
        "{:?}",
        pairs(t)
    );
}

#[test]
fn a_given_name_that_is_a_body_s_head_word() {
    // `Trường` names a school and a person: the person only by what no
    // school does.
    expect(
        "Vừa dứt lời, Trường vừa lắc đầu cười.",
        &[("person", "Trường")],
    );
    expect_not(
        "Trường cho biết năm nay sẽ mở thêm lớp.",
        "person",
        "Trường",
    );
}

#[test]
fn a_country_between_an_office_and_its_holder_is_a_place() {
    expect(
        "Ngoại trưởng Pháp Jean Dupont đến Hà Nội hôm qua.",
        &[("place", "Pháp"), ("person", "Jean Dupont")],
    );
    expect(
        "Hôm qua, Thủ tướng Hàn Quốc Lee Min-ho tiếp đoàn doanh nghiệp.",
        &[("place", "Hàn Quốc"), ("person", "Lee Min-ho")],
    );
    // A one-syllable country's name opening a Vietnamese name after the
    // office is the holder's name (`Anh Tuấn`), no place.
    let text = "Phó Chủ tịch Anh Tuấn phát biểu tại hội nghị.";
    expect(text, &[("person", "Anh Tuấn")]);
    expect_not(text, "place", "Anh");
}

#[test]
fn a_foreign_name_is_written_again_by_its_family_name() {
    let text = "Huấn luyện viên Carlos Mendes rất hài lòng. Sau trận, phóng viên \
                hỏi Mendes về hàng thủ.";
    expect(text, &[("person", "Carlos Mendes"), ("person", "Mendes")]);
    // The family name inside a longer capitalized name is no reference.
    let text = "Ông Carlos Mendes mở một cửa hàng. Khách sạn Mendes Palace thì ở xa.";
    expect_not(text, "person", "Mendes");
    expect_not(text, "person", "Mendes Palace");
}

#[test]
fn a_whole_name_found_by_its_given_name_is_known_after() {
    // `Bảo Duy` found whole by its known given name inside a sentence is
    // known as a whole after it, opening a sentence too.
    let t = "Sau đó Duy đã khóc. Mọi người đọc tin nhắn của Bảo Duy, rồi bỏ đi. \
             Bảo Duy cũng thừa nhận như vậy.";
    let people: Vec<String> = ents(t)
        .into_iter()
        .filter(|e| e.kind().as_str() == "person")
        .map(|e| e.text)
        .collect();
    assert_eq!(people, ["Duy", "Bảo Duy", "Bảo Duy"], "{t}");
    // Opening a sentence, a word before a known given name that no name
    // found whole inside a sentence holds stays apart (`Theo Duy`); no
    // capitalized word joins a name known only whole (`Sau Bảo Duy`).
    expect_not(
        "Sau đó Duy đã khóc. Theo Duy, mọi việc đã xong.",
        "person",
        "Theo Duy",
    );
    let t = "Sau đó Duy đã khóc. Ai cũng đọc tin của Bảo Duy, rồi đi. \
             Hôm ấy Nhà Bảo Duy vắng.";
    expect_not(t, "person", "Nhà Bảo Duy");
}

#[test]
fn a_newspaper_named_after_its_head_word_is_no_person() {
    for (text, name) in [
        ("Theo báo Guardian, các nghị sĩ đã bỏ phiếu.", "Guardian"),
        (
            "Báo Independent cho biết các nghị sĩ phản đối.",
            "Báo Independent",
        ),
        ("Phóng viên tờ Marca cho biết trận đấu bị hoãn.", "Marca"),
    ] {
        expect_not(text, "person", name);
    }
    // `báo` closing a word (`thông báo`) is no newspaper: the name after
    // it is a person's.
    expect(
        "Nhà trường thông báo Nguyễn Văn An đã trúng tuyển.",
        &[("person", "Nguyễn Văn An")],
    );
}

#[test]
fn a_given_name_that_is_a_word_opening_a_sentence_before_an_act() {
    // `Toàn` ("whole") and `Hằng` ("constant") are words too: before an
    // act of a person's hands they are the person acting.
    expect(
        "Toàn kiểm tra lại ổ khóa rồi mới đi ngủ.",
        &[("person", "Toàn")],
    );
    expect("Hằng gõ cửa phòng từ sáng sớm.", &[("person", "Hằng")]);
    // A given name that opens a word with the act's first syllable
    // (`thu mua`, "to purchase") is that word.
    expect_not("Thu mua cà phê giảm mạnh trong tháng này.", "person", "Thu");
}

#[test]
fn a_given_name_that_opens_a_title_between_a_preposition_and_a_clause_end() {
    // `Thư` opens `thư ký` and `thư viện`: after `cho` and before the
    // full stop it is a person's name.
    expect("Tối đó anh gọi điện cho Thư.", &[("person", "Thư")]);
    // Not a copula: `là` names a lucky charm as well as a person.
    expect_not("Theo quan niệm dân gian, số 5 là Tài.", "person", "Tài");
    // Nor a body's name that goes on (`Thư viện`).
    expect_not("Sáng nay em mượn sách của Thư viện tỉnh.", "person", "Thư");
}

#[test]
fn a_given_name_after_an_office_or_a_calling_that_introduces_it() {
    expect(
        "Thám tử Hào lặng lẽ quan sát căn nhà.",
        &[("person", "Hào")],
    );
    expect(
        "Sáng nay thư ký Hoa mang hồ sơ vào phòng.",
        &[("person", "Hoa")],
    );
    expect("Hôm qua thằng Nhã bỏ nhà đi.", &[("person", "Nhã")]);
    // The title capitalized inside a longer office names no one.
    let t = "Ông Lê Văn Hùng, Phó Tổng Thư ký Hội Xã hội học, nhận định như vậy.";
    assert!(
        pairs(t)
            .iter()
            .all(|(k, s)| k != "person" || s == "Lê Văn Hùng"),
        "{:?}",
        pairs(t)
    );
    // `giám đốc` introduces a company as often as a person.
    expect_not(
        "Tổng giám đốc Viettel Post cho biết như vậy.",
        "person",
        "Viettel Post",
    );
}

#[test]
fn a_given_name_after_a_word_of_kin_opening_the_sentence() {
    expect(
        "Mẹ Tùng chấp nhận lời đề nghị của con.",
        &[("person", "Tùng")],
    );
    // A word of the body there opens a stage name (`Tóc Tiên`).
    expect_not("Tóc Tiên khóc khi nhận giải.", "person", "Tiên");
}

#[test]
fn a_given_name_after_a_word_that_takes_a_person_inside_a_clause() {
    // `Lan` and `Thùy` are words too; after `cho`, `của` the capital says
    // a name is meant, whatever word in lower case goes on the clause.
    expect("Chị đưa cho Lan số tiền còn lại.", &[("person", "Lan")]);
    expect(
        "Cả đêm anh nghĩ về lá thư của Thùy làm mình xúc động.",
        &[("person", "Thùy")],
    );
    // A given name in lower case after it is the rest of a name the
    // text writes so: not the first syllable alone.
    expect_not(
        "Tuần trước anh đi ăn với Ngọc trinh ở quận 1.",
        "person",
        "Ngọc",
    );
}

#[test]
fn a_modal_between_a_given_name_and_its_act() {
    expect(
        "Sau vụ việc, Toàn phải tìm cách gặp lại khách hàng.",
        &[("person", "Toàn")],
    );
    // A body's word opened by a given name (`Hải quan`) is the body.
    let t = "Năm nay Hải quan phải kiểm tra kỹ hơn.";
    assert!(
        pairs(t).iter().all(|(k, _)| k != "person"),
        "{:?}",
        pairs(t)
    );
}

#[test]
fn a_known_given_name_after_a_syllable_that_opens_an_institution() {
    // `Công` opens `Công ty`; before `Phượng`, known as a name in the
    // text, it opens the name.
    expect(
        "Khả năng chuyền bóng của Phượng khá tốt, vì thế Công Phượng nên đá hộ công.",
        &[("person", "Công Phượng")],
    );
    // Such a run that is a place's name is no person, nor is the known
    // name inside it (`Trường Sơn`, a road).
    let t = "Chiếc xe của Sơn kẹt ở nút giao Trường Sơn suốt hai giờ.";
    let people: Vec<String> = pairs(t)
        .into_iter()
        .filter(|(k, _)| k == "person")
        .map(|(_, s)| s)
        .collect();
    assert_eq!(people, ["Sơn"], "{:?}", pairs(t));
}

#[test]
fn a_given_name_as_the_subject_of_a_clause_opened_by_a_conjunction() {
    // `Thư` opens `thư ký` and is a word ("letter"): after `thì` and
    // before an auxiliary it is the subject, a person.
    expect("Trời vừa tối thì Thư đã về tới nhà.", &[("person", "Thư")]);
    // Opening the sentence, the word (a letter that was sent).
    expect_not("Thư đã được gửi tới ban tổ chức.", "person", "Thư");
}

#[test]
fn a_compass_point_that_is_a_given_name_only_as_a_subject() {
    expect("Nam mua thêm một căn nhà ở ngoại ô.", &[("person", "Nam")]);
    expect_not(
        "Nhiều người bôn ba đất Bắc trời Nam mới tìm được người thân.",
        "person",
        "Nam",
    );
    // Known from a full name, it is the person again opening a clause,
    // not after `phía`.
    let t = "Ông Nguyễn Hoài Nam cho biết công ty sẽ mở chi nhánh ở phía Nam. \
             Sau đó, Nam nói thêm về kế hoạch.";
    let people: Vec<String> = pairs(t)
        .into_iter()
        .filter(|(k, _)| k == "person")
        .map(|(_, s)| s)
        .collect();
    assert_eq!(people, ["Nguyễn Hoài Nam", "Nam"], "{:?}", pairs(t));
}

#[test]
fn parties_armies_and_news_agencies_by_head_word() {
    // `Đảng` alone, capitalized: the Party; not the word it opens, nor a
    // name's last syllable.
    expect(
        "Nghị quyết của Đảng đã đi vào cuộc sống ở xã vùng cao.",
        &[("organization", "Đảng")],
    );
    expect_not(
        "Anh trở thành Đảng viên năm hai mươi tuổi.",
        "organization",
        "Đảng",
    );
    expect_not(
        "Ông Trần Văn Đảng phát biểu tại buổi lễ.",
        "organization",
        "Đảng",
    );
    // Parties and armies by head word, the country in their name no
    // place mention; `quân đội` alone names no body.
    let t = "Ứng viên của đảng Bảo thủ thắng cử, còn xe tăng của quân đội Pháp rút khỏi thị trấn.";
    expect(
        t,
        &[
            ("organization", "đảng Bảo thủ"),
            ("organization", "quân đội Pháp"),
        ],
    );
    expect_not(t, "place", "Pháp");
    expect_not(
        "Các đảng phái tranh luận gay gắt, anh nhập ngũ vào quân đội năm 2010.",
        "organization",
        "quân đội",
    );
    // A news agency, whose `xã` is no commune; an online paper.
    let t = "Theo Thông tấn xã Lào, phóng viên báo điện tử Dân Sinh đã có mặt.";
    expect(
        t,
        &[
            ("organization", "Thông tấn xã Lào"),
            ("organization", "báo điện tử Dân Sinh"),
        ],
    );
    expect_not(t, "commune", "xã Lào");
    expect_not(
        "Cô thích đọc báo điện tử mỗi sáng.",
        "organization",
        "báo điện tử",
    );
    // Youth organizations by their full name.
    expect(
        "Em được kết nạp vào Đội Thiếu niên Tiền phong, anh vào Đoàn Thanh niên Cộng sản.",
        &[
            ("organization", "Đội Thiếu niên Tiền phong"),
            ("organization", "Đoàn Thanh niên Cộng sản"),
        ],
    );
    expect_not(
        "Đội thiếu nhi của trường đoạt giải nhất.",
        "organization",
        "Đội thiếu nhi",
    );
}

#[test]
fn a_state_body_named_by_its_head_word_alone() {
    // `Viện Kiểm sát` written as a name is the body; a shorter head word
    // never ends inside it (`Viện Kiểm`).
    let t = "Vụ án do Viện Kiểm sát thụ lý, Bộ Công An chỉ đạo.";
    expect(
        t,
        &[
            ("organization", "Viện Kiểm sát"),
            ("organization", "Bộ Công An"),
        ],
    );
    expect_not(t, "organization", "Viện Kiểm");
    // In lower case, a kind of body.
    expect_not(
        "Hồ sơ được chuyển sang viện kiểm sát để xem xét.",
        "organization",
        "viện kiểm sát",
    );
}

#[test]
fn landmarks_by_head_word_with_their_number() {
    // A ferry landing, a prison, a housing block and a power dam by head
    // word; a bridge's name goes on with its number, not with a count.
    let t = "Nước xói lở từ bến đò Phú Lợi đến khu tập thể Kim Liên, gần nhà giam Hỏa Lò.";
    expect(
        t,
        &[
            ("place", "bến đò Phú Lợi"),
            ("place", "khu tập thể Kim Liên"),
            ("place", "nhà giam Hỏa Lò"),
        ],
    );
    expect(
        "Công nhân ở thủy điện Đắk Mi 4 đã về quê, còn cầu Thủ Thiêm 2 chưa xong.",
        &[
            ("place", "thủy điện Đắk Mi 4"),
            ("place", "cầu Thủ Thiêm 2"),
        ],
    );
    expect(
        "Anh đã qua cầu Thủ Thiêm 2 lần trong ngày.",
        &[("place", "cầu Thủ Thiêm")],
    );
    expect_not(
        "Anh đã qua cầu Thủ Thiêm 2 lần trong ngày.",
        "place",
        "cầu Thủ Thiêm 2",
    );
    // Opening a sentence, a head word that is no name.
    expect(
        "Cầu Long Biên sẽ được sửa chữa.",
        &[("place", "Cầu Long Biên")],
    );
    // Opening a sentence, a name of one syllable may be a people's.
    expect_not("Chùa Việt thường dựng ở nơi cao ráo.", "place", "Chùa Việt");
    // Not where head and name are a unit's name.
    assert_ne!(
        subtype_of("Cầu Giấy có nhiều trường học.", "Cầu Giấy").as_deref(),
        Some("landmark")
    );
}

#[test]
fn addresses_by_house_number_and_alleys() {
    expect(
        "Liên hệ: số 7, ngách 12, ngõ 35B, phố Nguyễn Khang, Hà Nội.",
        &[("place", "số 7, ngách 12, ngõ 35B, phố Nguyễn Khang")],
    );
    expect(
        "Xe chở khách về ngách 23 đường Kim Giang rồi quay lại.",
        &[("place", "ngách 23 đường Kim Giang")],
    );
    // A numbered decision then a title after a comma is no address.
    expect_not(
        "Theo quyết định số 15, Chủ tịch tỉnh giao nhiệm vụ.",
        "place",
        "số 15, Chủ tịch",
    );
}

#[test]
fn continents_and_old_regions() {
    let t = "Hàng xuất sang châu Âu và châu Phi, như thời Nam Kỳ còn thuộc Đông Dương.";
    expect(
        t,
        &[
            ("place", "châu Âu"),
            ("place", "châu Phi"),
            ("place", "Nam Kỳ"),
            ("place", "Đông Dương"),
        ],
    );
    // Inside a known organization's name, the continent is no place.
    let t = "Liên minh châu Âu đã thông qua lệnh trừng phạt.";
    expect(t, &[("organization", "Liên minh châu Âu")]);
    expect_not(t, "place", "châu Âu");
    let t = "Ủy ban châu Âu quyết định cấp thêm vốn.";
    expect(t, &[("organization", "Ủy ban châu Âu")]);
    expect_not(t, "place", "châu Âu");
    // In lower case only, a direction (`đông dương` is no region).
    expect_not("Cá nhiều ở vùng biển phía đông.", "place", "đông");
}

#[test]
fn ministries_and_departments_in_lower_case() {
    let t = "Cán bộ của bộ NN & PTNT và sở GD-ĐT TP HCM cùng bộ tài nguyên & môi trường có mặt.";
    expect(
        t,
        &[
            ("organization", "bộ NN & PTNT"),
            ("organization", "sở GD-ĐT TP HCM"),
            ("organization", "bộ tài nguyên & môi trường"),
        ],
    );
    // `bộ`, `sở` closing a word begun before: no body.
    expect_not(
        "Các cơ sở KCB và cán bộ Công an xã đã có mặt.",
        "organization",
        "sở KCB",
    );
    expect_not(
        "Các cơ sở KCB và cán bộ Công an xã đã có mặt.",
        "organization",
        "bộ Công an xã",
    );
}

#[test]
fn mass_organizations_with_their_head_word_in_lower_case() {
    expect(
        "Ông là phó chủ tịch hội Cựu chiến binh xã kiêm trưởng thôn.",
        &[("organization", "hội Cựu chiến binh xã")],
    );
    // `hội` closing a word (`đại hội`) opens no body.
    expect_not(
        "Các đại hội Phụ nữ cấp cơ sở đã xong.",
        "organization",
        "hội Phụ nữ",
    );
}

#[test]
fn bodies_and_companies_known_by_their_short_name() {
    let t = "Lãnh đạo VFF làm việc với CIA, còn Samsung Việt Nam niêm yết trên HOSE.";
    expect(
        t,
        &[
            ("organization", "VFF"),
            ("organization", "CIA"),
            ("organization", "Samsung Việt Nam"),
            ("organization", "HOSE"),
        ],
    );
    // A stock index named after its exchange is no body.
    expect_not("Chốt phiên, HNX-Index giảm nhẹ.", "organization", "HNX");
}

#[test]
fn police_departments_by_what_they_do() {
    let t = "Phòng Cảnh sát hình sự và đội Cảnh sát giao thông đường bộ đã phối hợp với Phòng Cảnh sát PCCC số 3.";
    expect(
        t,
        &[
            ("organization", "Phòng Cảnh sát hình sự"),
            ("organization", "đội Cảnh sát giao thông đường bộ"),
            ("organization", "Phòng Cảnh sát PCCC số 3"),
        ],
    );
    // `cảnh sát` after a room or a squad of players: no body.
    expect_not(
        "Cả đội cảnh sát nhí đứng chờ trong phòng cảnh sát ảo.",
        "organization",
        "đội cảnh sát nhí",
    );
}

#[test]
fn a_given_name_as_the_subject_after_an_adverbial_opening_the_sentence() {
    expect("Sau đó Toàn đã quay lại.", &[("person", "Toàn")]);
    // A place there is no person.
    let t = "Lúc này Hà Nội đã lên đèn.";
    assert!(
        pairs(t).iter().all(|(k, _)| k != "person"),
        "{:?}",
        pairs(t)
    );
    // Nor a word after the adverbial without an auxiliary after it.
    expect_not("Sau đó Thu chi của quỹ được công khai.", "person", "Thu");
}

#[test]
fn what_only_a_person_is_or_does_after_a_given_name() {
    expect(
        "Hằng xinh đẹp trong chiếc váy trắng.",
        &[("person", "Hằng")],
    );
    expect("Sau vụ việc, Toàn bỏ trốn.", &[("person", "Toàn")]);
}

#[test]
fn initials_joined_by_full_stops_after_a_form_of_address_or_before_an_age() {
    expect(
        "Chị N.H.N. (25 tuổi) cho biết đã báo công an.",
        &[("person", "N.H.N")],
    );
    expect(
        "Thi thể nạn nhân L.V.T được tìm thấy sáng nay.",
        &[("person", "L.V.T")],
    );
    expect(
        "Cháu N.V.A, 5 tuổi, được đưa đi cấp cứu.",
        &[("person", "N.V.A")],
    );
    // After a calling, a club's initials; before a capitalized word, part
    // of a longer name.
    expect_not(
        "Cựu tiền đạo M.U vừa ghi bàn cho đội bóng mới.",
        "person",
        "M.U",
    );
    expect_not(
        "Thời HLV K.H Weigang, đội tuyển tập luyện rất nặng.",
        "person",
        "K.H",
    );
}

#[test]
fn a_name_ends_before_a_word_that_opens_the_next_sentence() {
    // A heading joined to the lead, its stop lost: the capitalized word
    // of the next sentence, before a word in lower case, ends the name.
    expect(
        "Đại tá Lâm Văn Tú Nói về dự án cầu mới, ông cho rằng cần thêm vốn.",
        &[("person", "Lâm Văn Tú")],
    );
    expect_not(
        "Đại tá Lâm Văn Tú Nói về dự án cầu mới, ông cho rằng cần thêm vốn.",
        "person",
        "Lâm Văn Tú Nói",
    );
    expect(
        "Chủ nhà là em trai ông Phan Quốc Huy Tại nhà ông Huy, gia đình từ chối.",
        &[("person", "Phan Quốc Huy")],
    );
    // A word of the lexicon that is no name's syllable, making a word
    // with the next (`Tuy nhiên`), opens the sentence too.
    expect(
        "Hôm qua chúng tôi gặp ông Trần Văn Mạnh Tuy nhiên ông không nói gì.",
        &[("person", "Trần Văn Mạnh")],
    );
    // Near miss: a syllable of the lexicon whose word with the next is
    // cut across by another word (`Sáng` | `tác` | `tác phẩm`) goes on
    // the name.
    expect(
        "Nhà thơ Đỗ Văn Sáng tác phẩm đầu tay in năm 1990.",
        &[("person", "Đỗ Văn Sáng")],
    );
    // Near misses: such a word before a mark is a name's last syllable
    // (`Lê Văn Được,`), and a given name before a word in lower case goes
    // on the name.
    expect(
        "Người phụ trách là ông Lê Văn Được, cán bộ xã.",
        &[("person", "Lê Văn Được")],
    );
    expect(
        "Phát biểu tại hội nghị, bà Nguyễn Thị Bảo Ngọc cho biết như vậy.",
        &[("person", "Nguyễn Thị Bảo Ngọc")],
    );
    // A byline whose stop before `Theo` and the outlet was lost.
    let t = "Bạn nên rửa kính bằng nước ấm rồi lau khô. Hồ Thị Lam Theo Sức khỏe Plus";
    expect(t, &[("person", "Hồ Thị Lam")]);
    expect_not(t, "person", "Theo");
    // Near miss: a capitalized `Theo` inside a sentence goes on no name.
    expect_not(
        "Ảnh chụp tại nhà. Phan Văn Giáp Theo kế hoạch sẽ về thăm quê.",
        "person",
        "Phan Văn Giáp Theo",
    );
}

#[test]
fn a_name_the_text_gives_a_street_is_no_person_elsewhere() {
    // The street's name written again without its head word, at a
    // crossing or after a house number, is the street.
    let t = "Xe đông nghẹt trên đường Lê Văn Thiêm suốt buổi sáng. \
             Xe khách ra vào bãi số 12 và 14 Lê Văn Thiêm liên tục, \
             kẹt xe kéo dài tới nút giao Lê Văn Thiêm - Hoàng Đạo Thúy.";
    expect_not(t, "person", "Lê Văn Thiêm");
    // Near misses: after a title or a form of address it is the person
    // the street is named after; without a street of that name in the
    // text, a full name is a person.
    let t = "Đường Lê Văn Thiêm mang tên một nhà toán học. \
             Giáo sư Lê Văn Thiêm sinh năm 1918 ở Hà Tĩnh.";
    expect(t, &[("person", "Lê Văn Thiêm")]);
    expect(
        "Xe khách ra vào bãi liên tục, Lê Văn Thiêm kể lại.",
        &[("person", "Lê Văn Thiêm")],
    );
}

#[test]
fn a_foreign_name_after_a_calling() {
    // Experts, spokesmen and business people by a foreign name of two or
    // three words, the last no Vietnamese syllable.
    expect(
        "Theo chuyên gia Harold Winslow, tàu sân bay cần thêm tiêm kích.",
        &[("person", "Harold Winslow")],
    );
    expect(
        "Đây là nhận định của người phát ngôn Maria Petrova trong buổi họp.",
        &[("person", "Maria Petrova")],
    );
    // After a calling a body's name may follow too: a known given name
    // opens the name, or a body's name of one word comes before it. The
    // family name written again alone is the same person.
    expect(
        "CEO Mark Winslow đã rời công ty. Sau đó Winslow lập quỹ riêng.",
        &[("person", "Mark Winslow"), ("person", "Winslow")],
    );
    expect(
        "Giám đốc điều hành Lumora Harold Winslow đã từ chức.",
        &[("person", "Harold Winslow")],
    );
    expect_not(
        "Giám đốc điều hành Lumora Systems đã từ chức.",
        "person",
        "Lumora Systems",
    );
    // Near misses: a Vietnamese pair after such a calling may be a field
    // or a place, and a foreign pair after no calling is left to the
    // other rules.
    expect_not(
        "Nhóm chuyên gia Sinh Học đã tới hiện trường.",
        "person",
        "Sinh Học",
    );
    expect_not(
        "Sản phẩm của hãng Harold Winslow bán chạy.",
        "person",
        "Harold Winslow",
    );
}

#[test]
fn a_closing_byline_of_names_joined_by_dashes() {
    // Two names joined by a dash close the text: each a person where one
    // of its syllables is a name, the others words too (`Tươi`).
    let t = "Hội nghị kết thúc lúc 11 giờ cùng ngày. Hồng Tươi - Văn Khải";
    expect(t, &[("person", "Hồng Tươi"), ("person", "Văn Khải")]);
    // The outlet after the last dash.
    expect(
        "Mưa lớn còn kéo dài nhiều ngày. Minh Trang - Theo Reuters",
        &[("person", "Minh Trang"), ("organization", "Reuters")],
    );
    // Near misses: words of which no syllable is a name, and a name
    // alone whose syllable is a word, sign nothing.
    let t = "Quán mở cửa từ sáng sớm. Cơm Nắm - Bánh Mì";
    assert!(
        !pairs(t).iter().any(|(k, _)| k == "person"),
        "{:?}",
        pairs(t)
    );
    expect_not(
        "Hội nghị kết thúc lúc 11 giờ cùng ngày. Hồng Tươi",
        "person",
        "Hồng Tươi",
    );
}

#[test]
fn bodies_whose_head_word_is_a_common_word() {
    // Boards, departments of a ministry, councils and organizations:
    // the head word capitalized before a capitalized name.
    let t = "Hồ sơ được Ban Trọng tài chuyển sang Ban Kỷ luật, còn Vụ Pháp chế soạn thảo quy chế.";
    expect(
        t,
        &[
            ("organization", "Ban Trọng tài"),
            ("organization", "Ban Kỷ luật"),
            ("organization", "Vụ Pháp chế"),
        ],
    );
    expect(
        "Chủ tịch Hội đồng Dân tộc gặp đại diện Tổ chức Di trú Quốc tế tại Hà Nội.",
        &[
            ("organization", "Hội đồng Dân tộc"),
            ("organization", "Tổ chức Di trú Quốc tế"),
        ],
    );
    // In lower case they are words: a jury, an incident, a verb.
    let t = "Ban giám khảo chấm điểm, hội đồng thi đã họp xong.";
    expect_not(t, "organization", "Ban giám khảo");
    expect_not(t, "organization", "hội đồng thi");
    // `Vụ` before a name that is no common word is an incident; `Tổ
    // chức` opening a sentence is the verb; `Ban` inside a longer name or
    // after a unit's type word is no board.
    expect_not(
        "Vụ Formosa gây chấn động dư luận.",
        "organization",
        "Vụ Formosa",
    );
    expect_not(
        "Tổ chức Lễ hội Đền Hùng vào đầu tháng ba.",
        "organization",
        "Tổ chức Lễ hội Đền Hùng",
    );
    expect_not(
        "Đội bóng giành cúp Nhà Vua Tây Ban Nha năm ngoái.",
        "organization",
        "Ban Nha",
    );
    expect_not(
        "Gia đình anh sống ở xã Ban Mế từ nhiều năm nay.",
        "organization",
        "Ban Mế",
    );
    // A board's name ends before the body it belongs to, found on its
    // own; the two are one chain of bodies.
    let t = "Ban Giám hiệu trường Tiểu học Kim Đồng đã đến thăm em.";
    expect(
        t,
        &[("organization", "Ban Giám hiệu trường Tiểu học Kim Đồng")],
    );
    expect_not(t, "organization", "Ban Giám hiệu");
}

#[test]
fn enterprises_named_after_their_trade_and_place() {
    // An enterprise's head word, what it makes or does in lower case,
    // then its place or brand: the place is the enterprise's name.
    expect(
        "Dự án Nhà máy đạm Hà Bắc đã hoàn thành giai đoạn một.",
        &[("organization", "Nhà máy đạm Hà Bắc")],
    );
    expect(
        "Giá vàng của công ty vàng bạc đá quý Sài Gòn tăng nhẹ.",
        &[("organization", "công ty vàng bạc đá quý Sài Gòn")],
    );
    expect(
        "Năm ngoái, hãng xe Suzuki bán chạy ở Việt Nam.",
        &[("organization", "hãng xe Suzuki")],
    );
    expect(
        "Nhà thầu là Công ty cổ phần đầu tư xây dựng Thành Đạt.",
        &[("organization", "Công ty cổ phần đầu tư xây dựng Thành Đạt")],
    );
    expect(
        "Các cháu học ở Trường mẫu giáo Hoa Mai từ năm ngoái.",
        &[("organization", "Trường mẫu giáo Hoa Mai")],
    );
    // Near misses: a maker named by its country is no name, and a centre
    // of a place is no body.
    let t = "Hãng xe Nhật Bản vừa ra mắt mẫu mới, còn trung tâm hành chính Đà Nẵng đông người.";
    expect_not(t, "organization", "Hãng xe Nhật Bản");
    expect_not(t, "organization", "trung tâm hành chính Đà Nẵng");
}

#[test]
fn police_teams_by_their_work_in_initials() {
    // `Đội CSGT`, `Trạm CSGT` and their name, place or number.
    let t = "Đội CSGT Bến Thành phối hợp với Trạm CSGT Diễn Châu và Đội CSGT số 9 kiểm tra xe.";
    expect(
        t,
        &[
            ("organization", "Đội CSGT Bến Thành"),
            ("organization", "Trạm CSGT Diễn Châu"),
            ("organization", "Đội CSGT số 9"),
        ],
    );
    expect(
        "Đội CSGT quận 5 đã lập biên bản, Công an quận 5 cũng vào cuộc.",
        &[
            ("organization", "Đội CSGT quận 5"),
            ("organization", "Công an quận 5"),
        ],
    );
    expect_not(
        "Sau khi gộp ban quản lý dự án thành 5 đơn vị, thành phố tiết kiệm chi phí.",
        "organization",
        "ban quản lý dự án thành 5",
    );
    // Near miss: another team's number.
    expect_not(
        "Đội bóng của xã thắng, còn đội số 9 thua trận.",
        "organization",
        "đội số 9",
    );
}

#[test]
fn companies_by_their_head_in_initials_and_port_authorities() {
    // `CTCP`, `Tổng CTCP` and `Cty` open a company's name as `công ty`
    // does; `Cảng vụ` opens a port authority's.
    let t = "Cổ phiếu của CTCP Dệt may Thành Công tăng, còn Tổng CTCP Vận tải Thủy Bắc thì giảm.";
    expect(
        t,
        &[
            ("organization", "CTCP Dệt may Thành Công"),
            ("organization", "Tổng CTCP Vận tải Thủy Bắc"),
        ],
    );
    expect(
        "Ông Lâm làm kế toán cho Cty TNHH Bình Minh từ năm ngoái.",
        &[("organization", "Cty TNHH Bình Minh")],
    );
    expect(
        "Đại diện Cảng vụ Hàng hải Nghệ An đã lên tàu kiểm tra.",
        &[("organization", "Cảng vụ Hàng hải Nghệ An")],
    );
    // Near misses: the initials alone, with no name after them, and a
    // port, are no such body.
    let t = "Nhiều CTCP đang niêm yết đã trả cổ tức, cảng Cửa Lò đón tàu.";
    expect_not(t, "organization", "CTCP");
    expect_not(t, "organization", "cảng Cửa Lò");
}

#[test]
fn agencies_by_their_head_word_capitalized() {
    // `Cơ quan` capitalized before a capitalized name: an agency, at home
    // or abroad, ending before another body found on its own, and going
    // on through a word whose last syllable is a head word (`Tình` |
    // `báo`).
    expect(
        "Theo Cơ quan Khí tượng Nhật Bản, bão sẽ suy yếu.",
        &[("organization", "Cơ quan Khí tượng Nhật Bản")],
    );
    expect(
        "Tại Hội đồng Nhân quyền, hai bên tranh luận gay gắt.",
        &[("organization", "Hội đồng Nhân quyền")],
    );
    expect(
        "Báo cáo của Cơ quan Tình báo Quốc phòng Anh được công bố hôm qua.",
        &[("organization", "Cơ quan Tình báo Quốc phòng Anh")],
    );
    expect(
        "Cơ quan CSĐT Bộ Công an đã khởi tố vụ án.",
        &[("organization", "Cơ quan CSĐT Bộ Công an")],
    );
    // Near misses: in lower case or before a word in lower case it is any
    // body; after `văn phòng` in lower case it opens none.
    let t = "Cơ quan chức năng đã vào cuộc, các cơ quan Nhà nước phối hợp.";
    expect_not(t, "organization", "Cơ quan chức năng");
    expect_not(t, "organization", "cơ quan Nhà nước");
    // A council before a body found on its own is named by it.
    expect(
        "Nghị định của Hội đồng Chính phủ năm 1961 quy định việc này.",
        &[("organization", "Hội đồng Chính phủ")],
    );
}

#[test]
fn a_name_of_common_words_goes_on_to_its_place() {
    // A body's name whose capitalized part is a common word goes on with
    // at most two words in lower case to the place it is of.
    expect(
        "Giám đốc Cảng vụ Đường thủy nội địa Ninh Bình cho biết tàu đã cập bến.",
        &[("organization", "Cảng vụ Đường thủy nội địa Ninh Bình")],
    );
    expect(
        "Công ty Xổ số kiến thiết miền Trung vừa phát hành loại vé mới.",
        &[("organization", "Công ty Xổ số kiến thiết miền Trung")],
    );
    expect(
        "Nhà thầu là Công ty CP Xây dựng dân dụng Hà Nội.",
        &[("organization", "Công ty CP Xây dựng dân dụng Hà Nội")],
    );
    // Near misses: a verb after the name, or a name that is no common
    // word, leaves the place out of it.
    let t = "Công ty Xây dựng gửi văn bản Hà Nội ngay trong ngày.";
    expect_not(t, "organization", "Công ty Xây dựng gửi văn bản Hà Nội");
    let t = "Công ty Hoàng Long chiêu sinh học viên Hà Nội.";
    expect_not(
        t,
        "organization",
        "Công ty Hoàng Long chiêu sinh học viên Hà Nội",
    );
    expect(t, &[("organization", "Công ty Hoàng Long")]);
}

#[test]
fn armed_services_by_their_country() {
    expect(
        "Máy bay của Không quân Mỹ và tàu của Hải quân Nhật Bản cùng tập trận.",
        &[
            ("organization", "Không quân Mỹ"),
            ("organization", "Hải quân Nhật Bản"),
        ],
    );
    // The service and its country, no more (a caption run into the next
    // sentence); none without a country after it.
    let t = "Tàu sân bay lúc hạ thủy. Ảnh: Hải quân Mỹ Nhà máy đóng tàu mất hai năm.";
    expect(t, &[("organization", "Hải quân Mỹ")]);
    expect_not(t, "organization", "Hải quân Mỹ Nhà máy");
    expect_not(
        "Anh từng phục vụ trong Hải quân Hoàng gia nhiều năm.",
        "organization",
        "Hải quân Hoàng gia",
    );
}

#[test]
fn outlets_by_web_address_and_after_a_paper() {
    let t =
        "Trao đổi với Zing.vn, ông Minh cho biết; tờ Guardian và tờ New York Times cũng đưa tin.";
    expect(
        t,
        &[
            ("organization", "Zing.vn"),
            ("organization", "Guardian"),
            ("organization", "New York Times"),
        ],
    );
    expect(
        "Bảng xếp hạng do Goal.com bình chọn, theo BongDa.com.vn.",
        &[
            ("organization", "Goal.com"),
            ("organization", "BongDa.com.vn"),
        ],
    );
    // Not inside a link or a mail address, nor a sheet of paper.
    let t = "Bài viết gửi về Banbandoc@Zing.vn hoặc xem http://Zing.vn/tin-moi.";
    expect_not(t, "organization", "Zing.vn");
    expect_not(
        "Thí sinh để đề thi dưới tờ Phiếu TLTN khi làm bài.",
        "organization",
        "Phiếu TLTN",
    );
}

#[test]
fn a_listed_name_that_goes_on_in_lower_case_is_no_item() {
    // `Ủy` opens the word `Ủy ban`: the item is `Ủy ban của Quốc hội`, not a
    // name `Ủy` the list completes.
    expect_not(
        "Quy chế giám sát của Quốc hội, Hội đồng Dân tộc, Ủy ban của Quốc hội và Đoàn đại biểu.",
        "organization",
        "Ủy",
    );
}

#[test]
fn a_name_goes_on_to_the_reach_of_the_body_and_its_level() {
    // A name whose capitalized part is a common word goes on with words
    // in lower case up to the reach of the body.
    expect(
        "Đại diện Tổ chức Vệ tinh hàng hải quốc tế và Tổ chức Bảo tồn thiên nhiên châu Phi dự họp.",
        &[
            ("organization", "Tổ chức Vệ tinh hàng hải quốc tế"),
            ("organization", "Tổ chức Bảo tồn thiên nhiên châu Phi"),
        ],
    );
    // Not across a verb: the sentence goes on.
    let t = "Trung tâm Phân tích cho biết giá dầu quốc tế đang tăng.";
    expect(t, &[("organization", "Trung tâm Phân tích")]);
    expect_not(
        t,
        "organization",
        "Trung tâm Phân tích cho biết giá dầu quốc tế",
    );
    // A board of the unit the text is about, named by its level alone;
    // not a level that opens a word.
    expect(
        "Văn bản đã gửi Ban ATGT tỉnh, còn Ban Kỷ luật huyện và Ban Thi đấu thị xã chưa trả lời.",
        &[
            ("organization", "Ban ATGT tỉnh"),
            ("organization", "Ban Kỷ luật huyện"),
            ("organization", "Ban Thi đấu thị xã"),
        ],
    );
    let t = "Các thành viên Ban Trọng tài tỉnh táo xem lại băng hình.";
    expect(t, &[("organization", "Ban Trọng tài")]);
    expect_not(t, "organization", "Ban Trọng tài tỉnh");
}

#[test]
fn a_party_ends_before_a_foreign_name() {
    let t = "Thượng nghị sĩ đảng Dân chủ Robert Kowalski và lãnh đạo đảng cực hữu FN Marine Dupont tranh luận.";
    expect(
        t,
        &[
            ("organization", "đảng Dân chủ"),
            ("organization", "đảng cực hữu FN"),
        ],
    );
    expect_not(t, "organization", "đảng Dân chủ Robert Kowalski");
    // A foreign name goes on a foreign one, and a country closes a name.
    expect(
        "Ứng viên của đảng Front National và Đảng Xanh Canada đều có mặt.",
        &[
            ("organization", "đảng Front National"),
            ("organization", "Đảng Xanh Canada"),
        ],
    );
}

#[test]
fn an_organization_ends_before_the_next_sentence_whose_stop_was_lost() {
    for (t, org) in [
        (
            "Bệnh nhân được chuyển lên Bệnh viện Bạch Mai Theo bác sĩ, ca mổ kéo dài 3 giờ.",
            "Bệnh viện Bạch Mai",
        ),
        (
            "Đoàn làm việc với Sở Y tế Hà Nam Trong buổi làm việc, hai bên thống nhất kế hoạch.",
            "Sở Y tế Hà Nam",
        ),
        (
            "Công ty Cổ phần Sông Đà Tuy nhiên lại chưa trả nợ.",
            "Công ty Cổ phần Sông Đà",
        ),
    ] {
        expect(t, &[("organization", org)]);
    }
    // Words that open clauses after a person's name but go on bodies'
    // names, and such a word in capitals or before a capitalized word.
    for (t, org) in [
        (
            "Hội Người cao tuổi xã Tân Thái họp.",
            "Hội Người cao tuổi xã Tân Thái",
        ),
        (
            "Tổng công ty Hàng không Việt Nam mở đường bay.",
            "Tổng công ty Hàng không Việt Nam",
        ),
        (
            "Vụ kiện lên tới Tòa án Tối cao năm ngoái.",
            "Tòa án Tối cao",
        ),
    ] {
        expect(t, &[("organization", org)]);
    }
    expect_not(
        "Văn phòng Ban Chỉ đạo phòng chống thiên tai tỉnh họp.",
        "organization",
        "Văn phòng Ban",
    );
    expect_not(
        "Cơ quan Cảnh sát Điều tra Công an tỉnh vào cuộc.",
        "organization",
        "Cơ quan Cảnh sát",
    );
}

#[test]
fn a_sub_unit_and_its_body_are_one_organization() {
    for (t, org) in [
        (
            "Phòng Cảnh sát kinh tế Công an tỉnh Long An đã khởi tố vụ án.",
            "Phòng Cảnh sát kinh tế Công an tỉnh Long An",
        ),
        (
            "Cán bộ Đội 2 Phòng CSGT Công an tỉnh Bắc Giang lập biên bản.",
            "Đội 2 Phòng CSGT Công an tỉnh Bắc Giang",
        ),
        ("Chiến sĩ phòng 7 Cục CSGT kiểm tra xe.", "phòng 7 Cục CSGT"),
        (
            "UB Kiểm tra Tỉnh ủy Lào Cai thi hành kỷ luật hai đảng viên.",
            "UB Kiểm tra Tỉnh ủy Lào Cai",
        ),
        (
            "Văn phòng UBND tỉnh Quảng Ngãi phát hành văn bản.",
            "Văn phòng UBND tỉnh Quảng Ngãi",
        ),
        (
            "Hôm qua Ban Giám hiệu Trường THCS Lê Lợi họp phụ huynh.",
            "Ban Giám hiệu Trường THCS Lê Lợi",
        ),
        (
            "Nhóm trực Cơ quan CSĐT Công an quận Hoàng Mai tiếp nhận tin báo.",
            "Cơ quan CSĐT Công an quận Hoàng Mai",
        ),
    ] {
        expect(t, &[("organization", org)]);
    }
    // The chain carries the unit of its outer body.
    let e = ents("Phòng Cảnh sát kinh tế Công an tỉnh Long An đã khởi tố vụ án.");
    let org = e
        .iter()
        .find(|x| x.text == "Phòng Cảnh sát kinh tế Công an tỉnh Long An")
        .expect("the chain");
    assert_eq!(
        org.org_place().map(|p| p.link.name.as_str()),
        Some("Tỉnh Long An")
    );
    // A body written inside a longer one is no organization of its own.
    expect_not(
        "Văn phòng Chính phủ vừa có thông báo.",
        "organization",
        "Chính phủ",
    );
    // Near misses: a comma between the two, an incident (`vụ`) before
    // initials, a sub-unit's head opening a word (`Tổ chức`), `phòng` in
    // lower case without a number or initials.
    let t = "Phòng CSGT, Công an tỉnh Bắc Giang cùng vào cuộc.";
    expect(
        t,
        &[
            ("organization", "Phòng CSGT"),
            ("organization", "Công an tỉnh Bắc Giang"),
        ],
    );
    expect_not(t, "organization", "Phòng CSGT, Công an tỉnh Bắc Giang");
    for (t, wrong) in [
        (
            "Dư luận bức xúc về vụ GV Trường Mầm non Hoa Sen đánh trẻ.",
            "vụ GV Trường Mầm non Hoa Sen",
        ),
        (
            "Vụ GV Trường Mầm non Hoa Sen đánh trẻ gây bức xúc.",
            "Vụ GV Trường Mầm non Hoa Sen",
        ),
        (
            "Tổ chức Công đoàn Công ty May 10 họp.",
            "Tổ chức Công đoàn Công ty May 10",
        ),
        (
            "Ông ngồi trong phòng Công an tỉnh Bắc Giang.",
            "phòng Công an tỉnh Bắc Giang",
        ),
    ] {
        expect_not(t, "organization", wrong);
    }
}

#[test]
fn inspectorates_of_bodies_and_units() {
    for (t, org) in [
        (
            "Thanh tra Chính phủ công bố kết luận.",
            "Thanh tra Chính phủ",
        ),
        (
            "Sau đó Thanh tra Bộ Y tế kiến nghị thu hồi.",
            "Thanh tra Bộ Y tế",
        ),
        (
            "Sau đó Thanh tra tỉnh Quảng Bình kiến nghị thu hồi.",
            "Thanh tra tỉnh Quảng Bình",
        ),
        (
            "Hôm qua đoàn thanh tra TP Cần Thơ làm việc với công ty.",
            "đoàn thanh tra TP Cần Thơ",
        ),
    ] {
        expect(t, &[("organization", org)]);
    }
    // The inspectors in lower case are no body.
    expect_not(
        "Các thanh tra Bộ Y tế đã đến nơi.",
        "organization",
        "thanh tra Bộ Y tế",
    );
    expect_not(
        "Ông làm thanh tra tỉnh Quảng Bình nhiều năm.",
        "organization",
        "thanh tra tỉnh Quảng Bình",
    );
}

#[test]
fn a_department_ends_before_what_the_sentence_says_of_it() {
    for (t, org) in [
        ("Cục QLCT sẽ tiến hành kiểm tra.", "Cục QLCT"),
        ("Cục Hàng không đã yêu cầu các hãng.", "Cục Hàng không"),
        ("Sau đó Cục III thanh tra tại tỉnh.", "Cục III"),
    ] {
        expect(t, &[("organization", org)]);
    }
    // A name that goes on in lower case keeps its words.
    for (t, org) in [
        ("Cục Bảo vệ thực vật vừa cảnh báo.", "Cục Bảo vệ thực vật"),
        (
            "Cục Y tế dự phòng khuyến cáo người dân.",
            "Cục Y tế dự phòng",
        ),
    ] {
        expect(t, &[("organization", org)]);
    }
}

#[test]
fn the_west_and_the_east_after_phuong() {
    let t = "Các nước phương Tây áp lệnh cấm vận, còn y học phương Đông thì được ưa chuộng.";
    expect(t, &[("place", "phương Tây"), ("place", "phương Đông")]);
    assert_eq!(subtype_of(t, "phương Tây").as_deref(), Some("region"));
    // Not a word ending in `phương` (`địa phương`, `song phương`), a
    // direction in lower case, or a name that is no direction.
    let t = "Chính quyền địa phương Tây Ninh họp, quan hệ song phương Nga - Mỹ ấm lên.";
    expect_not(t, "place", "phương Tây");
    expect_not("Gió thổi từ phương tây tới.", "place", "phương tây");
    expect_not(
        "Hội đồng phương Hoàng Minh họp bàn.",
        "place",
        "phương Hoàng Minh",
    );
}

#[test]
fn areas_named_after_vung_and_khu_vuc() {
    // The name alone is the place, as with the names the tables know.
    let t = "Giao tranh tiếp diễn ở vùng Kharova và khu vực Đông Belmora suốt tuần.";
    expect(t, &[("place", "Kharova"), ("place", "Đông Belmora")]);
    assert_eq!(subtype_of(t, "Kharova").as_deref(), Some("region"));
    expect_not(t, "place", "vùng Kharova");
    // A name of the tables or a unit's name stays theirs.
    let t = "Mưa lớn ở vùng Tây Nguyên, vùng Moscow và khu vực Đông Nam Á.";
    expect(
        t,
        &[
            ("place", "Tây Nguyên"),
            ("place", "Moscow"),
            ("place", "Đông Nam Á"),
        ],
    );
    assert_eq!(subtype_of(t, "Moscow").as_deref(), Some("city"));
    let t = "Giá vàng tại khu vực Hà Nội giảm, khách đổ về khu vực Phong Nha - Kẻ Bàng.";
    assert_eq!(
        ents(t)
            .iter()
            .find(|e| e.text == "Hà Nội")
            .map(|e| e.kind().as_str()),
        Some("province")
    );
    expect_not(t, "place", "Phong Nha - Kẻ Bàng");
    // A name opening with a head word is that head's place.
    let t = "Dòng người đổ về khu vực Đền Thượng từ sáng.";
    expect(t, &[("place", "Đền Thượng")]);
    // Not a number, an abbreviation, or a capitalized word that opens a
    // common word going on in lower case.
    let t = "Hải quân vùng 1 và các nước khu vực ASEAN họp, bàn cách dùng kệ phân tách khu vực Sử dụng lâu dài, giọng vùng Xla-vơ.";
    for e in ents(t) {
        assert!(
            !(e.kind().is_place() && matches!(e.text.as_str(), "1" | "ASEAN" | "Sử" | "Xla")),
            "{e:?}"
        );
    }
}

#[test]
fn regions_of_the_world_by_name() {
    let t = "Dầu từ vùng Vịnh và Đông Phi chuyển sang Trung Âu.";
    expect(
        t,
        &[
            ("place", "vùng Vịnh"),
            ("place", "Đông Phi"),
            ("place", "Trung Âu"),
        ],
    );
    expect_not("Tàu neo trong vùng vịnh kín gió.", "place", "vùng vịnh");
}

#[test]
fn foreign_cities_of_the_cldr_table() {
    let t = "Phái đoàn bay từ Tegucigalpa sang Dushanbe, rồi tới Sao Paulo và Bogotá.";
    for c in ["Tegucigalpa", "Dushanbe", "Sao Paulo", "Bogotá"] {
        assert_eq!(subtype_of(t, c).as_deref(), Some("city"), "{c} in {t:?}");
    }
    // Not a city's name inside a longer name, nor one the table leaves
    // out as a brand or a person's name more than the city.
    let t = "Hãng Karachi Steel và đội Sporting Lisbon ký với Davis về mẫu Cayenne mới.";
    for c in ["Karachi", "Lisbon", "Davis", "Cayenne"] {
        expect_not(t, "place", c);
    }
}

#[test]
fn outlets_by_their_foreign_name_after_a_cue() {
    for (t, org) in [
        (
            "Theo Military Times, hai tàu đã rời cảng.",
            "Military Times",
        ),
        ("Theo The Atlantic, dự luật bị hoãn.", "The Atlantic"),
        ("Tuần trước The Herald đưa tin về vụ việc.", "The Herald"),
        (
            "Số liệu được trang Android Authority công bố.",
            "Android Authority",
        ),
    ] {
        expect(t, &[("organization", org)]);
    }
    // Near misses: a foreign person after `theo`, a Vietnamese name
    // before `đưa tin`, a title after `theo`.
    for (t, wrong) in [
        ("Theo Kevin Brown, dự luật bị hoãn.", "Kevin Brown"),
        ("Hôm qua Thanh Hà đưa tin về vụ việc.", "Thanh Hà"),
        ("Theo PGS Nguyễn Văn Bình, bệnh đã giảm.", "PGS"),
        ("Hôm qua báo chí Saudi đưa tin về vụ việc.", "Saudi"),
    ] {
        expect_not(t, "organization", wrong);
    }
}

#[test]
fn a_name_after_a_degree_or_an_honour_written_in_capitals() {
    // Degrees and honours in capitals, one token or joined by full stops,
    // introduce a name as their spelled-out titles do.
    expect(
        "Theo PGS.TS Khánh, đề án cần thêm thời gian. LS Bảo cho biết sẽ kháng cáo.",
        &[("person", "Khánh"), ("person", "Bảo")],
    );
    expect(
        "Buổi diễn có NSƯT Hoài Thương và GS Lâm tham dự.",
        &[("person", "Hoài Thương"), ("person", "Lâm")],
    );
    expect(
        "Theo bác sỹ Ngọc Diệp, bệnh nhi đã qua cơn nguy kịch.",
        &[("person", "Ngọc Diệp")],
    );
    expect(
        "Thẩm phán Harold Benning bác đơn kiện; thẩm phán Benning nói thêm.",
        &[("person", "Harold Benning"), ("person", "Benning")],
    );
    // A dash set apart after the title opens a credit, no name; a name
    // may stand there in apposition.
    expect_not(
        "Đoàn người biểu tình phản đối các thẩm phán - Ảnh: Reuters",
        "person",
        "Ảnh",
    );
    expect(
        "Anh nhận quà từ người vợ - Minh Thư, trong tối sinh nhật.",
        &[("person", "Minh Thư")],
    );
    // `PV`, which an outlet's name follows, is no such title.
    expect_not(
        "Trả lời PV Tiền Phong, ông Khải cho biết như vậy.",
        "person",
        "Tiền Phong",
    );
}

#[test]
fn a_beauty_title_before_a_name_or_a_contest() {
    expect(
        "Sau đám cưới, Hoa hậu Ngọc Hân trở lại công việc.",
        &[("person", "Ngọc Hân")],
    );
    // One syllable that goes on in lower case names the contest.
    expect_not(
        "Cô từng lọt vào top 10 Hoa hậu Hoàn vũ năm 2015.",
        "person",
        "Hoàn",
    );
}

#[test]
fn a_foreign_name_after_an_office_and_the_words_that_qualify_it() {
    // A field, a ministry, a country or a nationality between the office
    // and the name.
    expect(
        "Bộ trưởng Quốc phòng Canada Gerald Whitmore sẽ tới Hà Nội.",
        &[("person", "Gerald Whitmore")],
    );
    expect(
        "Tiền đạo người Thụy Điển Oskar Lindqvar ghi hai bàn.",
        &[("person", "Oskar Lindqvar")],
    );
    expect(
        "Theo chuyên gia quân sự Dmitri Karpenkov, tên lửa này còn yếu.",
        &[("person", "Dmitri Karpenkov")],
    );
    // Its last word is written again alone.
    expect(
        "Tác giả Luis Pradera nhận giải. Pradera cho biết sẽ viết tiếp.",
        &[("person", "Luis Pradera"), ("person", "Pradera")],
    );
    expect(
        "Bộ trưởng Quốc phòng Canada Gerald Whitmore tới Hà Nội. Whitmore sẽ ở lại hai ngày.",
        &[("person", "Whitmore")],
    );
    // No office before it, or a product after a verb: no person.
    expect_not(
        "Hãng vừa ra mắt mẫu xe thể thao Chevrolet Corvex tại Mỹ.",
        "person",
        "Chevrolet Corvex",
    );
    expect_not(
        "Ông Tuấn nói với phóng viên rằng Wexford Motors đã rút vốn.",
        "person",
        "Wexford Motors",
    );
    // A body's name after its head word, a league after a title given in
    // jest.
    expect_not(
        "Ông là trợ lý chủ tịch Công ty Brackwell Vina từ năm 2010.",
        "person",
        "Brackwell Vina",
    );
    expect_not(
        "Anh đang dẫn đầu cuộc đua vua phá lưới Eredivisie League mùa này.",
        "person",
        "Eredivisie League",
    );
}

#[test]
fn a_known_given_name_inside_a_place_s_name_is_the_place() {
    // `Nguyên`, known as a given name, closes the province's name here.
    let t = "Ông Đỗ Văn Nguyên đang công tác tại Sở Xây dựng Thái Nguyên. \
             Năm nay Sở Xây dựng Thái Nguyên cấp 40 giấy phép.";
    expect(t, &[("person", "Đỗ Văn Nguyên")]);
    expect_not(t, "person", "Nguyên");
    // After a country that is no part of the place, it is the person.
    expect(
        "Ông Đỗ Văn Nguyên vừa sang Thái Lan. Tại Bangkok, Nguyên cho biết sẽ ở lại.",
        &[("person", "Nguyên")],
    );
    // A family name that closes a body's head word is no name's.
    expect_not(
        "Giá vàng của Tập Đoàn Phú Quý tăng mạnh.",
        "person",
        "Đoàn Phú Quý",
    );
    // A place's name that closes a full name of the text is that person.
    expect(
        "Tiền vệ Lương Xuân Trường trở lại tập luyện. Hôm qua, Xuân Trường đã ghi bàn.",
        &[("person", "Xuân Trường")],
    );
    expect(
        "Tiền vệ Lương Xuân Trường trở lại tập luyện. Xuân Trường đã ghi bàn.",
        &[("person", "Xuân Trường")],
    );
}

#[test]
fn a_farm_a_theatre_or_a_bus_stop_named_after_a_person() {
    for (t, name) in [
        (
            "Xe buýt nhanh dừng ở nhà chờ Hoàng Văn Thái từ sáng sớm.",
            "Hoàng Văn Thái",
        ),
        (
            "Cán bộ nông trường Lê Minh Xuân đã về hưu từ lâu.",
            "Lê Minh Xuân",
        ),
        ("Rạp hát Trần Văn Hảo nay chỉ còn phù điêu.", "Trần Văn Hảo"),
    ] {
        expect_not(t, "person", name);
    }
    // The person who works there is still one.
    expect(
        "Chị Nguyễn Thị Hoa, nhân viên nhà chờ, cho biết xe đến muộn.",
        &[("person", "Nguyễn Thị Hoa")],
    );
}

#[test]
fn another_country_subdivision_after_a_vietnamese_type_word() {
    // In a text that names a foreign country, `tỉnh`, `huyện`, `quận` or
    // `thị trấn` before a name of no unit of that level: that country's
    // subdivision, the type word with it.
    let t = "Động đất mạnh làm rung chuyển tỉnh Kumamoto, Nhật Bản, và \
             thị trấn Mashiki gần đó; người dân quận Higashi phải sơ tán.";
    for name in ["tỉnh Kumamoto", "thị trấn Mashiki", "quận Higashi"] {
        assert_eq!(
            subtype_of(t, name).as_deref(),
            Some("foreign-unit"),
            "{name}"
        );
    }
    let t = "Nhiều nhà máy của Trung Quốc đặt ở tỉnh Hải Nam và tỉnh Cam Túc.";
    assert_eq!(
        subtype_of(t, "tỉnh Cam Túc").as_deref(),
        Some("foreign-unit")
    );
    // Near misses: a body's word after the type word (`Tỉnh Ủy`), a
    // Vietnamese unit written without its marks or joined (`huyện Lak`,
    // `tỉnh Đăk Lắk`), a person of three syllables after an office.
    let t = "Đoàn khách Nhật Bản làm việc với Tỉnh Ủy, rồi thăm huyện Lak, \
             tỉnh Đăk Lắk.";
    for name in ["Tỉnh Ủy", "huyện Lak", "tỉnh Đăk Lắk"] {
        assert_ne!(
            subtype_of(t, name).as_deref(),
            Some("foreign-unit"),
            "{name}"
        );
    }
    let t = "Thống đốc tỉnh Ahmad Reza Karimi của Iran cho biết như vậy.";
    assert!(
        !ents(t).iter().any(|e| e.text.starts_with("tỉnh Ahmad")),
        "{:?}",
        pairs(t)
    );
    // Without a foreign country in the text, nothing is guessed.
    let t = "Đoàn công tác đến tỉnh Kumamoto làm việc.";
    assert!(subtype_of(t, "tỉnh Kumamoto").is_none());
}

#[test]
fn an_abbreviated_head_word_in_capitals() {
    // `KCN`, `KCX`, `KKT`, `CCN`, `KĐT`, `KDL`, `SVĐ` name the place that
    // follows as their full head words do.
    let t = "Công nhân ở KCN Tân Bình và KKT Vân Phong đã đi làm lại; đội \
             tuyển tập trên SVĐ Hàng Đẫy, gần KĐT Mỹ Đình.";
    for name in [
        "KCN Tân Bình",
        "KKT Vân Phong",
        "SVĐ Hàng Đẫy",
        "KĐT Mỹ Đình",
    ] {
        assert_eq!(subtype_of(t, name).as_deref(), Some("landmark"), "{name}");
    }
    // Near misses: after a plural, a province's name is the province's
    // parks, and the province is the mention; initials of no place's
    // head word (`KCB`, medical care) open none.
    let t = "Lao động ở các KCN Đồng Nai đã quay lại làm việc.";
    expect_not(t, "place", "KCN Đồng Nai");
    expect(t, &[("province", "Đồng Nai")]);
    let t = "Quỹ bảo hiểm chi trả KCB Tân Bình trong tháng qua.";
    expect_not(t, "place", "KCB Tân Bình");
}

#[test]
fn a_motorway_named_by_the_places_it_joins() {
    // The road holds the units the units' pass took first.
    let t = "Xe khách lật trên cao tốc TP.HCM - Trung Lương sáng qua, còn \
             đường cao tốc Hà Nội – Hải Phòng thông suốt.";
    for name in [
        "cao tốc TP.HCM - Trung Lương",
        "đường cao tốc Hà Nội – Hải Phòng",
    ] {
        assert_eq!(subtype_of(t, name).as_deref(), Some("road"), "{name}");
    }
    expect_not(t, "province", "TP.HCM");
    // Near misses: no road head word before the places (`tuyến`, a bus
    // line), or the head word in another sentence.
    let t = "Xe khách chạy tuyến Hà Nội - Hải Phòng mỗi ngày.";
    expect(t, &[("province", "Hà Nội")]);
    let t = "Xe chạy trên cao tốc. TP.HCM - Long An là chặng đông nhất.";
    expect(t, &[("province", "TP.HCM")]);
}

#[test]
fn country_short_forms_of_the_world_table() {
    // `UAE` and the full name `CHDCND Triều Tiên` are countries.
    let t = "Ông ấy sống ở UAE nhiều năm trước khi sang CHDCND Triều Tiên.";
    assert_eq!(subtype_of(t, "UAE").as_deref(), Some("country"));
    assert_eq!(
        subtype_of(t, "CHDCND Triều Tiên").as_deref(),
        Some("country")
    );
    // Near miss: the United Nations (`LHQ`) is a body, no country, though
    // CLDR lists it among its territories; the short name alone is still
    // the country.
    let t = "LHQ kêu gọi Triều Tiên ngừng thử tên lửa.";
    expect_not(t, "place", "LHQ");
    assert_eq!(subtype_of(t, "Triều Tiên").as_deref(), Some("country"));
}

#[test]
fn a_number_goes_on_a_list_of_numbered_units_only() {
    let places = |t: &str| {
        ents(t)
            .into_iter()
            .filter(|e| matches!(e.kind().as_str(), "province" | "district" | "commune"))
            .map(|e| e.text)
            .collect::<Vec<_>>()
    };
    // After a named unit, a number counts what follows it.
    let t = "Đoàn làm việc tại xã Tân Lập, 3 người bị thương nhẹ.";
    assert_eq!(places(t), ["xã Tân Lập"]);
    let t = "Khu vực gồm phường Vĩnh Hải và 4 tổ dân phố khác.";
    assert_eq!(places(t), ["phường Vĩnh Hải"]);
    // After a numbered unit, the numbers are units of the list.
    let t = "Nước bị cắt ở phường 2, 5 và 7, quận 10, TP.HCM.";
    let got = places(t);
    assert!(
        got.iter().any(|p| p == "5") && got.iter().any(|p| p == "7"),
        "{got:?}"
    );
}

#[test]
fn a_district_merged_before_the_gazetteer_snapshot() {
    // `quận 2` and `quận 9` of Hồ Chí Minh City, merged into Thành phố Thủ
    // Đức in 2021, are that unit.
    let t = "Chị sống ở phường Thảo Điền, quận 2, còn anh trai ở Q.9, TP.HCM.";
    for name in ["quận 2", "Q.9"] {
        let e = ents(t).into_iter().find(|e| e.text == name);
        assert_eq!(
            e.map(|e| e.value),
            Some("Thành phố Thủ Đức".to_string()),
            "{name}: {:?}",
            pairs(t)
        );
    }
    // Near misses: a number after a list of named units is a count, no
    // unit (`và 2 bên bờ sông`); a numbered ward is still a ward.
    let t = "Người Xơ Đăng sống ở huyện Đăk Tô và 2 bên bờ sông Pô Kô.";
    assert!(!ents(t).iter().any(|e| e.text == "2"), "{:?}", pairs(t));
    expect(
        "Nhà ở phường 2, quận 3, TP.HCM.",
        &[("commune", "phường 2"), ("district", "quận 3")],
    );
}
