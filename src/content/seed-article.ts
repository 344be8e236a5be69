import type { SampleArticle } from '../db/seed'

/** The article of `shared/seed-article.txt`, word for word. */
export const seedArticle: SampleArticle = {
  title: 'Thường Tín tổ chức các hoạt động thông tin đối ngoại năm 2020',
  category: 'xay-dung-dang',
  publishedAt: '2019-11-30T15:19:00+07:00',
  source: 'HNP',
  lead: 'Ngày 22-11, Huyện ủy Thường Tín có Kế hoạch số 242-KH/HU về việc tổ chức các hoạt động thông tin đối ngoại năm 2020.',
  body: 'Theo đó, Huyện ủy Thường Tín đề nghị Ban Tuyên giáo Huyện ủy chủ trì phối hợp với các cơ quan, ban, ngành và các đơn vị liên quan, tiếp tục tổ chức quán triệt Kết luận số 16-KL/TW, ngày 14-02-2012, của Bộ Chính trị về “Chiến lược phát triển thông tin đối ngoại giai đoạn 2011 - 2020" và Chỉ thị số 26-CT/TW của Ban Bí thư khóa X về Công tác thông tin đối ngoại. Phối hợp với các cơ quan, ban, ngành liên quan trong chỉ đạo, định hướng, theo dõi, kiểm tra, đôn đốc và nâng cao hiệu quả hoạt động thông tin đối ngoại trong toàn huyện. \n\nMặt trận Tổ quốc và các đoàn thể chính trị - xã hội huyện xây dựng kế hoạch nhằm quảng bá về đất nước, văn hóa, con người Việt Nam; các sự kiện lớn của huyện, Thủ đô và đất nước, khu vực và quốc tế; các hoạt động đối ngoại của Đảng, ngoại giao Nhà nước, đối ngoại của Quốc hội; đối ngoại nhân dân, đối ngoại quốc phòng trong năm 2020 của huyện, Thủ đô và đất nước. Chú trọng nâng cao chất lượng, số lượng các tin, bài viết đấu tranh phản bác các quan điểm sai trái, các thông tin xuyên tạc, sai sự thật về đất nước, Thủ đô và huyện.\n\nTrung tâm Văn hóa - Thông tin & Thể thao huyện, Cổng Thông tin điện tử huyện chủ động chuẩn bị kế hoạch tuyên truyền các hoạt động thông tin đối ngoại cho từng thời gian cụ thể trong năm 2020. Thường xuyên đổi mới phương thức, nâng cao hiệu quả tuyên truyền về hoạt động thông tin đối ngoại theo phương châm “chính xác, kịp thời, linh hoạt, phù hợp với từng đối tượng”. Chú trọng tuyên truyền các sự kiện quan trọng của huyện, Thủ đô và đất nước, khu vực và quốc tế, các vấn đề quan trọng, nhạy cảm được dư luận quốc tế quan tâm như: vấn đề biên giới, lãnh thổ, biển đảo, bảo vệ chủ quyền và toàn vẹn lãnh thổ của đất nước, vấn đề dân tộc, tôn giáo, dân chủ, nhân quyền...',
  author: 'Thanh Tình',
  viewCount: 1268,
}
