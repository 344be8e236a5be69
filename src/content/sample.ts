/**
 * Sample content for a new portal: the real seed article from the district portal, and enough
 * invented but realistic articles and comments that lists, pagination and the newer/older links
 * all have something to show. `seedIfEmpty` inserts it into an empty database only.
 */
import type { SampleArticle, SampleCategory, SampleComment, SampleContent } from '../db/seed'
import { seedArticle } from './seed-article'

export { seedArticle }

export const sampleCategories: SampleCategory[] = [
  { name: 'Tin tức - Sự kiện', slug: 'tin-tuc-su-kien', position: 1 },
  { name: 'Xây dựng Đảng', slug: 'xay-dung-dang', position: 2 },
  { name: 'Kinh tế', slug: 'kinh-te', position: 3 },
  { name: 'Văn hóa - Xã hội', slug: 'van-hoa-xa-hoi', position: 4 },
  { name: 'Quốc phòng - An ninh', slug: 'quoc-phong-an-ninh', position: 5 },
]

/** [title, lead] of the invented articles, in publishing order within each category. */
type Headline = [title: string, lead: string]

const headlines: Record<string, Headline[]> = {
  'tin-tuc-su-kien': [
    [
      'Huyện Thường Tín tổ chức Lễ mít tinh kỷ niệm Ngày Quốc khánh 2-9',
      'Sáng 31-8, huyện Thường Tín long trọng tổ chức Lễ mít tinh kỷ niệm 74 năm Cách mạng Tháng Tám thành công và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam.',
    ],
    [
      'Khai giảng năm học mới 2019 - 2020 tại các trường học trên địa bàn huyện',
      'Sáng 5-9, hơn 50 nghìn học sinh các cấp trên địa bàn huyện Thường Tín hân hoan bước vào năm học mới 2019 - 2020.',
    ],
    [
      'Hội nghị đối thoại giữa Chủ tịch UBND huyện với nhân dân xã Vân Tảo',
      'Ngày 20-9, UBND huyện Thường Tín tổ chức hội nghị đối thoại trực tiếp giữa Chủ tịch UBND huyện với nhân dân xã Vân Tảo về công tác giải phóng mặt bằng.',
    ],
    [
      'Thường Tín gặp mặt kỷ niệm Ngày Doanh nhân Việt Nam 13-10',
      'Chiều 11-10, UBND huyện Thường Tín tổ chức buổi gặp mặt các doanh nghiệp, doanh nhân tiêu biểu nhân kỷ niệm 15 năm Ngày Doanh nhân Việt Nam.',
    ],
    [
      'Tổ chức Ngày hội Đại đoàn kết toàn dân tộc tại khu dân cư',
      'Từ ngày 10 đến 18-11, các khu dân cư trên địa bàn huyện Thường Tín đồng loạt tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2019.',
    ],
    [
      'Thường Tín tổng kết công tác thi đua khen thưởng năm 2019',
      'Ngày 17-12, huyện Thường Tín tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2019 và phát động phong trào thi đua năm 2020.',
    ],
    [
      'Kỳ họp thứ Mười HĐND huyện khóa XIX thông qua 12 nghị quyết',
      'Sau hai ngày làm việc khẩn trương, Kỳ họp thứ Mười HĐND huyện Thường Tín khóa XIX đã bế mạc, thông qua 12 nghị quyết quan trọng.',
    ],
    [
      'Lãnh đạo huyện thăm, chúc Tết các gia đình chính sách',
      'Nhân dịp Tết Nguyên đán Canh Tý 2020, đoàn công tác của huyện Thường Tín đã đến thăm, tặng quà các gia đình chính sách tiêu biểu.',
    ],
    [
      'Thường Tín triển khai các biện pháp phòng, chống dịch bệnh viêm đường hô hấp cấp',
      'Ngày 3-2, Ban Chỉ đạo phòng, chống dịch bệnh huyện Thường Tín họp triển khai các biện pháp cấp bách phòng, chống dịch bệnh viêm đường hô hấp cấp.',
    ],
  ],
  'xay-dung-dang': [
    [
      'Huyện ủy Thường Tín sơ kết 3 năm thực hiện Chỉ thị 05-CT/TW',
      'Ngày 12-9, Ban Thường vụ Huyện ủy Thường Tín tổ chức hội nghị sơ kết 3 năm thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.',
    ],
    [
      'Đảng bộ xã Hà Hồi tổ chức Đại hội điểm nhiệm kỳ 2020 - 2025',
      'Ngày 8-10, Đảng bộ xã Hà Hồi tổ chức Đại hội đại biểu lần thứ XXV, nhiệm kỳ 2020 - 2025, là đại hội điểm cấp cơ sở của huyện.',
    ],
    [
      'Bồi dưỡng lý luận chính trị cho đảng viên mới năm 2019',
      'Trung tâm Chính trị huyện Thường Tín khai giảng lớp bồi dưỡng lý luận chính trị dành cho 120 đảng viên mới của các chi, đảng bộ cơ sở.',
    ],
    [
      'Ủy ban Kiểm tra Huyện ủy triển khai nhiệm vụ quý IV',
      'Ủy ban Kiểm tra Huyện ủy Thường Tín vừa tổ chức hội nghị đánh giá kết quả công tác kiểm tra, giám sát 9 tháng và triển khai nhiệm vụ quý IV năm 2019.',
    ],
    [
      'Thường Tín tổ chức hội nghị báo cáo viên tháng 11',
      'Ngày 15-11, Ban Tuyên giáo Huyện ủy Thường Tín tổ chức hội nghị báo cáo viên định kỳ, thông tin tình hình thời sự trong nước và quốc tế.',
    ],
    [
      'Trao Huy hiệu 70 năm tuổi Đảng cho đảng viên lão thành',
      'Nhân kỷ niệm 89 năm Ngày thành lập Đảng, lãnh đạo huyện Thường Tín đã trao Huy hiệu 70 năm tuổi Đảng cho các đảng viên lão thành.',
    ],
    [
      'Huyện ủy Thường Tín tổng kết công tác xây dựng Đảng năm 2019',
      'Ngày 20-12, Huyện ủy Thường Tín tổ chức hội nghị tổng kết công tác xây dựng Đảng và hệ thống chính trị năm 2019.',
    ],
    [
      'Triển khai Kế hoạch tổ chức đại hội đảng bộ cơ sở',
      'Ban Thường vụ Huyện ủy Thường Tín ban hành kế hoạch chỉ đạo tổ chức đại hội các chi, đảng bộ cơ sở tiến tới Đại hội Đảng bộ huyện lần thứ XXIV.',
    ],
    [
      'Kỷ niệm 90 năm Ngày thành lập Đảng Cộng sản Việt Nam',
      'Sáng 31-1, huyện Thường Tín long trọng tổ chức Lễ kỷ niệm 90 năm Ngày thành lập Đảng Cộng sản Việt Nam (3-2-1930 - 3-2-2020).',
    ],
    [
      'Học tập, quán triệt Nghị quyết Trung ương cho cán bộ chủ chốt',
      'Ngày 12-2, Huyện ủy Thường Tín tổ chức hội nghị học tập, quán triệt các nghị quyết, chỉ thị mới của Trung ương và Thành ủy cho cán bộ chủ chốt.',
    ],
  ],
  'kinh-te': [
    [
      'Thu ngân sách 8 tháng đạt 78% dự toán',
      'Theo báo cáo của Chi cục Thuế khu vực Thường Tín - Phú Xuyên, tổng thu ngân sách trên địa bàn huyện 8 tháng đầu năm 2019 ước đạt 78% dự toán.',
    ],
    [
      'Làng nghề sơn mài Hạ Thái giữ nghề, mở rộng thị trường xuất khẩu',
      'Với hơn 80% số hộ làm nghề, làng sơn mài Hạ Thái, xã Duyên Thái đang từng bước mở rộng thị trường, đưa sản phẩm đến nhiều quốc gia.',
    ],
    [
      'Nông dân Thường Tín thu hoạch lúa mùa đạt năng suất cao',
      'Vụ mùa năm nay, toàn huyện Thường Tín gieo cấy hơn 7.000 ha lúa, năng suất bình quân ước đạt 58 tạ/ha, tăng so với cùng kỳ.',
    ],
    [
      'Xây dựng nông thôn mới kiểu mẫu ở xã Nhị Khê',
      'Xã Nhị Khê đang tập trung hoàn thiện các tiêu chí để trở thành xã nông thôn mới kiểu mẫu của huyện Thường Tín.',
    ],
    [
      'Phát triển sản phẩm OCOP gắn với làng nghề truyền thống',
      'Năm 2019, huyện Thường Tín có 15 sản phẩm được công nhận đạt chuẩn OCOP, chủ yếu là sản phẩm của các làng nghề truyền thống.',
    ],
    [
      'Đẩy nhanh tiến độ giải ngân vốn đầu tư công những tháng cuối năm',
      'UBND huyện Thường Tín yêu cầu các chủ đầu tư tập trung đẩy nhanh tiến độ thi công, nghiệm thu và giải ngân vốn đầu tư công năm 2019.',
    ],
    [
      'Chợ hoa Tết phục vụ nhân dân dịp Tết Nguyên đán',
      'Để phục vụ nhu cầu mua sắm của người dân dịp Tết Nguyên đán Canh Tý, huyện Thường Tín bố trí các điểm chợ hoa xuân tại thị trấn và các xã.',
    ],
    [
      'Kinh tế huyện Thường Tín năm 2019 tăng trưởng 8,6%',
      'Năm 2019, tổng giá trị sản xuất trên địa bàn huyện Thường Tín tăng 8,6% so với năm 2018, cơ cấu kinh tế tiếp tục chuyển dịch theo hướng tích cực.',
    ],
    [
      'Hỗ trợ doanh nghiệp khôi phục sản xuất sau Tết',
      'Ngay sau kỳ nghỉ Tết, các doanh nghiệp trên địa bàn huyện Thường Tín đã nhanh chóng ổn định, khôi phục sản xuất kinh doanh.',
    ],
  ],
  'van-hoa-xa-hoi': [
    [
      'Khai mạc Hội thi tuyên truyền phòng, chống ma túy',
      'Tối 6-9, Trung tâm Văn hóa - Thông tin & Thể thao huyện Thường Tín tổ chức Hội thi tuyên truyền phòng, chống ma túy năm 2019.',
    ],
    [
      'Đón nhận Bằng xếp hạng di tích lịch sử đình Thư Phú',
      'Ngày 22-9, xã Thư Phú long trọng tổ chức Lễ đón nhận Bằng xếp hạng di tích lịch sử - văn hóa cấp Thành phố đình Thư Phú.',
    ],
    [
      'Thường Tín tôn vinh 100 nhà giáo tiêu biểu',
      'Nhân kỷ niệm 37 năm Ngày Nhà giáo Việt Nam 20-11, huyện Thường Tín tổ chức lễ tuyên dương 100 nhà giáo tiêu biểu năm 2019.',
    ],
    [
      'Giải bóng đá thiếu niên huyện Thường Tín năm 2019',
      'Giải bóng đá thiếu niên huyện Thường Tín năm 2019 thu hút 28 đội bóng của các xã, thị trấn tham dự.',
    ],
    [
      'Trao học bổng cho học sinh nghèo vượt khó',
      'Quỹ Khuyến học huyện Thường Tín trao 200 suất học bổng cho học sinh có hoàn cảnh khó khăn vươn lên trong học tập.',
    ],
    [
      'Ra quân tiêm chủng vắc xin sởi - rubella cho trẻ em',
      'Trung tâm Y tế huyện Thường Tín phối hợp với các trạm y tế xã tổ chức tiêm bổ sung vắc xin sởi - rubella cho trẻ em từ 1 đến 5 tuổi.',
    ],
    [
      'Chương trình nghệ thuật chào Xuân Canh Tý 2020',
      'Tối 23-1, tại Quảng trường trung tâm huyện, Chương trình nghệ thuật chào Xuân Canh Tý 2020 đã thu hút đông đảo người dân đến xem.',
    ],
    [
      'Lễ hội truyền thống đầu xuân tại các làng nghề',
      'Đầu xuân Canh Tý, nhiều làng nghề trên địa bàn huyện Thường Tín tổ chức lễ hội truyền thống, tưởng nhớ các vị tổ nghề.',
    ],
    [
      'Tạm dừng các lễ hội để phòng, chống dịch bệnh',
      'UBND huyện Thường Tín quyết định tạm dừng tổ chức các lễ hội trên địa bàn để chủ động phòng, chống dịch bệnh.',
    ],
  ],
  'quoc-phong-an-ninh': [
    [
      'Diễn tập khu vực phòng thủ huyện Thường Tín năm 2019',
      'Từ ngày 9 đến 12-9, huyện Thường Tín tổ chức diễn tập khu vực phòng thủ năm 2019, bảo đảm an toàn tuyệt đối về người và trang thiết bị.',
    ],
    [
      'Ngày hội toàn dân bảo vệ an ninh Tổ quốc tại xã Tô Hiệu',
      'Ngày 15-10, xã Tô Hiệu được chọn tổ chức điểm Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2019 của huyện Thường Tín.',
    ],
    [
      'Công an huyện Thường Tín triệt phá đường dây đánh bạc',
      'Công an huyện Thường Tín vừa triệt phá một đường dây đánh bạc qua mạng, thu giữ nhiều tang vật.',
    ],
    [
      'Huấn luyện lực lượng dân quân tự vệ năm 2019',
      'Ban Chỉ huy Quân sự huyện Thường Tín tổ chức huấn luyện cho lực lượng dân quân tự vệ các xã, thị trấn.',
    ],
    [
      'Tổng kết công tác quốc phòng, quân sự địa phương năm 2019',
      'Ngày 26-12, Ban Chỉ huy Quân sự huyện Thường Tín tổ chức hội nghị tổng kết công tác quốc phòng, quân sự địa phương năm 2019.',
    ],
    [
      'Bảo đảm trật tự an toàn giao thông dịp Tết',
      'Công an huyện Thường Tín triển khai cao điểm tấn công trấn áp tội phạm, bảo đảm trật tự an toàn giao thông dịp Tết Nguyên đán.',
    ],
    [
      'Tổ chức Lễ giao nhận quân năm 2020',
      'Sáng 12-2, huyện Thường Tín tổ chức Lễ giao nhận quân năm 2020, 250 thanh niên ưu tú lên đường nhập ngũ.',
    ],
    [
      'Phòng cháy, chữa cháy tại các làng nghề',
      'Cảnh sát phòng cháy, chữa cháy phối hợp với Công an huyện Thường Tín kiểm tra an toàn phòng cháy tại các cơ sở sản xuất làng nghề.',
    ],
    [
      'Ra mắt mô hình "Khu dân cư an toàn về an ninh trật tự"',
      'Thị trấn Thường Tín ra mắt mô hình "Khu dân cư an toàn về an ninh trật tự", huy động nhân dân tham gia bảo vệ an ninh cơ sở.',
    ],
  ],
}

const authors = ['Thanh Tình', 'Minh Hằng', 'Quang Huy', 'Thu Trang', 'Đức Anh', 'Ngọc Lan']
const sources = ['HNP', 'TTO', 'HNP', 'CTTĐT']

/** A body built around the lead, so every sample article reads as news. */
function sampleBody(lead: string): string {
  return [
    lead,
    `Phát biểu tại buổi làm việc, đồng chí lãnh đạo huyện ghi nhận kết quả đã đạt được, đồng thời đề nghị các cơ quan, đơn vị và UBND các xã, thị trấn tiếp tục bám sát kế hoạch, phát huy tinh thần trách nhiệm, phấn đấu hoàn thành tốt nhiệm vụ đã đề ra.`,
    `Cổng Thông tin điện tử huyện sẽ tiếp tục cập nhật thông tin về nội dung này trong các số tiếp theo.`,
  ].join('\n\n')
}

/**
 * Publishing times for a category: `count` articles from 1 September 2019, about 18 days
 * apart, at varied office hours. Deterministic, so tests and screenshots stay stable.
 */
function scheduleFor(categoryIndex: number, count: number): string[] {
  const start = Date.UTC(2019, 8, 1, 1, 0) // 08:00 in Vietnam
  return Array.from({ length: count }, (_, i) => {
    const dayOffset = i * 18 + categoryIndex * 3 + (i >= 5 && categoryIndex === 1 ? 3 : 0)
    const minutes = (i * 97 + categoryIndex * 41) % 480
    const instant = new Date(start + dayOffset * 86_400_000 + minutes * 60_000)
    return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 16) + ':00+07:00'
  })
}

function inventedArticles(): SampleArticle[] {
  const result: SampleArticle[] = []
  Object.entries(headlines).forEach(([category, list], categoryIndex) => {
    const times = scheduleFor(categoryIndex, list.length)
    list.forEach(([title, lead], i) => {
      const n = result.length
      result.push({
        title,
        category,
        publishedAt: times[i]!,
        lead,
        body: sampleBody(lead),
        source: sources[n % sources.length]!,
        author: authors[n % authors.length]!,
        viewCount: 150 + ((n * 7919) % 2400),
      })
    })
  })
  return result
}

const draftArticle: SampleArticle = {
  title: 'Dự thảo: Kế hoạch tuyên truyền Đại hội Đảng bộ huyện lần thứ XXIV',
  category: 'xay-dung-dang',
  publishedAt: '2020-02-20T09:00:00+07:00',
  lead: 'Bản nháp đang chờ biên tập, bạn đọc chưa nhìn thấy.',
  body: 'Nội dung đang được biên tập.',
  source: 'HNP',
  author: 'Thanh Tình',
  viewCount: 0,
  status: 'draft',
}

export const sampleArticles: SampleArticle[] = [seedArticle, ...inventedArticles(), draftArticle]

export const sampleComments: SampleComment[] = [
  {
    article: seedArticle.title,
    name: 'Nguyễn Văn Hùng',
    phone: '0912345678',
    title: 'Cần thiết và kịp thời',
    content:
      'Kế hoạch rất cụ thể. Mong huyện tiếp tục cập nhật thông tin đối ngoại để bà con được biết.',
    status: 'approved',
    createdAt: '2019-11-30T20:05:00+07:00',
  },
  {
    article: seedArticle.title,
    name: 'Trần Thị Mai',
    title: 'Góp ý',
    content:
      'Đề nghị đăng thêm lịch các hoạt động cụ thể trong năm 2020.\nXin cảm ơn ban biên tập!',
    status: 'approved',
    createdAt: '2019-12-01T07:42:00+07:00',
  },
  {
    article: seedArticle.title,
    name: 'Lê Minh',
    phone: '0987654321',
    title: 'Chờ duyệt',
    content: 'Bình luận này đang chờ kiểm duyệt nên bạn đọc chưa thấy.',
    status: 'pending',
    createdAt: '2019-12-02T10:00:00+07:00',
  },
  {
    article: 'Làng nghề sơn mài Hạ Thái giữ nghề, mở rộng thị trường xuất khẩu',
    name: 'Phạm Quốc Toản',
    title: 'Tự hào làng nghề',
    content: 'Sản phẩm sơn mài Hạ Thái rất đẹp, mong được quảng bá nhiều hơn.',
    status: 'approved',
    createdAt: '2019-09-25T19:30:00+07:00',
  },
  {
    article: 'Tổ chức Lễ giao nhận quân năm 2020',
    name: 'Đỗ Thị Hoa',
    title: 'Chúc các tân binh',
    content: 'Chúc các em hoàn thành tốt nhiệm vụ, giữ vững truyền thống quê hương.',
    status: 'approved',
    createdAt: '2020-02-12T12:15:00+07:00',
  },
  {
    article: 'Tổ chức Lễ giao nhận quân năm 2020',
    name: 'Khách',
    title: 'Quảng cáo',
    content: 'Nội dung quảng cáo bị từ chối.',
    status: 'rejected',
    createdAt: '2020-02-12T13:00:00+07:00',
  },
]

/** Everything the seed script inserts. */
export const sampleContent: SampleContent = {
  categories: sampleCategories,
  articles: sampleArticles,
  comments: sampleComments,
  featured: [seedArticle.title],
  topicsOf: (title) => [
    ...(title === seedArticle.title || /đối ngoại/i.test(title) ? ['Thông tin đối ngoại'] : []),
    ...(/Đại hội/.test(title) ? ['Đại hội Đảng các cấp'] : []),
    ...(/dịch bệnh|phòng, chống dịch/i.test(title) ? ['Phòng, chống dịch'] : []),
    ...(/học|trường/i.test(title) ? ['Giáo dục'] : []),
  ],
  // Sample details: an operator replaces them in the admin's "Cài đặt".
  settings: {
    name: 'Cổng thông tin điện tử huyện Thường Tín',
    shortName: 'HNP',
    governingAgency: 'Ủy ban nhân dân huyện Thường Tín',
    address: 'Thị trấn Thường Tín, huyện Thường Tín, thành phố Hà Nội',
    responsiblePerson: 'Chánh Văn phòng HĐND và UBND huyện (dữ liệu mẫu)',
    links: [
      { label: 'Cổng thông tin điện tử Chính phủ', url: 'https://chinhphu.vn/' },
      { label: 'Cổng giao tiếp điện tử Hà Nội', url: 'https://hanoi.gov.vn/' },
      { label: 'Cổng dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn/' },
    ],
  },
}
