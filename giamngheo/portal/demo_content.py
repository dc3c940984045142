"""Sample content for the portal demo: 20 news articles and 5 exemplary stories.

``NEWS`` and ``STORIES`` follow the themes of the Bắc Giang 2023 communication plan on sustainable
poverty reduction (contents III.1.1-1.4, forms III.2.1-2.6). Everything here is fictional: the
people, households, quotes and figures are illustrative, not official information, and every page
built from this module is marked visibly as sample content ("bài mẫu") on the portal. Each source
carries the "(bài mẫu)" suffix so that no invented figure reads as an official statement.
"""

from __future__ import annotations

from datetime import date

NEWS: list[dict] = [
    {
        "title": "Bắc Giang triển khai kế hoạch truyền thông về giảm nghèo bền vững năm 2023",
        "date": "2023-01-17",
        "topic": "1.1",
        "intro": (
            "UBND tỉnh ban hành kế hoạch truyền thông về Chương trình mục tiêu quốc gia "
            "giảm nghèo bền vững năm 2023, xác định truyền thông là giải pháp quan trọng "
            "để tạo đồng thuận và huy động nguồn lực cho công tác giảm nghèo."
        ),
        "paragraphs": [
            (
                "Kế hoạch được xây dựng trên cơ sở Quyết định số 650/QĐ-LĐTBXH ngày "
                "21/7/2022 của Bộ Lao động - Thương binh và Xã hội và Kế hoạch số "
                "4186/KH-UBND ngày 27/8/2022 của UBND tỉnh về truyền thông giảm nghèo giai "
                "đoạn 2021–2025. Mục đích là tuyên truyền kịp thời chủ trương, chính sách "
                "của Đảng và Nhà nước, nâng cao nhận thức, trách nhiệm của toàn xã hội đối "
                "với công tác giảm nghèo."
            ),
            (
                "Nội dung trọng tâm năm 2023 là tuyên truyền nhiệm vụ, mục tiêu, chỉ tiêu "
                "giảm nghèo của tỉnh; chiến lược chuyển từ đầu tư giảm nghèo theo diện rộng "
                "sang đầu tư theo chiều sâu, tập trung vào huyện nghèo, xã, thôn, bản đặc "
                "biệt khó khăn. Cùng với đó là đầu tư vào con người, nâng cao chất lượng "
                "nguồn nhân lực, đổi mới dạy nghề, tạo việc làm, sinh kế và khuyến khích làm "
                "giàu chính đáng."
            ),
            (
                "Đối tượng truyền thông là người dân, cán bộ, đảng viên, công chức, viên "
                "chức, người lao động và toàn xã hội. Kế hoạch chú trọng nhóm hưởng lợi trực "
                "tiếp như người thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo, người "
                "khuyết tật có khó khăn về kinh tế và cán bộ làm công tác giảm nghèo các "
                "cấp."
            ),
            (
                "Các hình thức được triển khai gồm truyền thông trên phương tiện thông tin "
                "đại chúng và hệ thống truyền thanh cơ sở, cuộc thi tác phẩm báo chí, sơ kết "
                "và khen thưởng phong trào thi đua, tập huấn cán bộ, in ấn tài liệu và "
                "truyền thông trên nền tảng số. Kinh phí được bố trí từ Tiểu dự án 1 thuộc "
                "Dự án 6 của Chương trình, kết hợp huy động các nguồn lực hợp pháp khác."
            ),
            (
                "Sở Lao động - Thương binh và Xã hội được giao chủ trì, đôn đốc triển khai "
                "kế hoạch. Các cơ quan, đơn vị, địa phương báo cáo kết quả thực hiện trước "
                "ngày 15/11/2023 để tổng hợp, báo cáo UBND tỉnh và Bộ Lao động - Thương binh "
                "và Xã hội."
            ),
        ],
        "author": "Phóng viên",
        "source": "Sở Lao động - Thương binh và Xã hội (bài mẫu)",
        "tags": ["Kế hoạch truyền thông", "Giảm nghèo bền vững", "Năm 2023"],
    },
    {
        "title": "Sơn Động tập huấn nghiệp vụ truyền thông cho cán bộ làm công tác giảm nghèo",
        "date": "2023-02-08",
        "topic": "1.2",
        "intro": (
            "Khoảng 80 cán bộ làm công tác giảm nghèo cấp xã, trưởng thôn và cán bộ "
            "truyền thanh cơ sở của huyện Sơn Động được bồi dưỡng kỹ năng truyền thông, "
            "hướng dẫn thực hiện các dự án, tiểu dự án của Chương trình giảm nghèo."
        ),
        "paragraphs": [
            (
                "Lớp tập huấn do Phòng Lao động - Thương binh và Xã hội huyện tổ chức trong "
                "hai ngày, với sự tham gia của cán bộ phụ trách lao động - thương binh và xã "
                "hội, cán bộ văn hóa - thông tin và trưởng thôn ở các xã đặc biệt khó khăn. "
                "Đây là một trong những hoạt động cụ thể hóa nội dung tập huấn, bồi dưỡng "
                "nghiệp vụ truyền thông trong kế hoạch năm 2023 của tỉnh."
            ),
            (
                "Học viên được giới thiệu những điểm mới của Chương trình mục tiêu quốc gia "
                "giảm nghèo bền vững giai đoạn 2021–2025, quy trình rà soát hộ nghèo, hộ cận "
                "nghèo và cách thức tham gia các dự án hỗ trợ sinh kế. Giảng viên dành nhiều "
                "thời gian hướng dẫn cách viết tin ngắn cho loa truyền thanh, cách tổ chức "
                "buổi sinh hoạt cộng đồng và lồng ghép tuyên truyền vào các cuộc họp thôn."
            ),
            (
                "Điểm nhấn của lớp học là phần thực hành theo nhóm: mỗi nhóm xây dựng một "
                "kịch bản tuyên truyền ngắn về chính sách vay vốn hoặc hỗ trợ nhà ở cho hộ "
                "nghèo, sau đó trình bày và góp ý lẫn nhau. Nhiều học viên cho biết cách làm "
                "này giúp họ tự tin hơn khi trực tiếp giải đáp thắc mắc của người dân."
            ),
            (
                "Theo lãnh đạo huyện, đội ngũ cán bộ cơ sở là cầu nối quan trọng nhất để "
                "chính sách giảm nghèo đến đúng người, đúng việc. Sau tập huấn, các xã sẽ rà "
                "soát, cập nhật nội dung tuyên truyền trên hệ thống truyền thanh và tại các "
                "điểm sinh hoạt cộng đồng ngay trong quý I."
            ),
        ],
        "author": "Nguyễn Thị Thu Hà",
        "source": "Báo Bắc Giang (bài mẫu)",
        "tags": ["Tập huấn", "Cán bộ cơ sở", "Sơn Động"],
    },
    {
        "title": "Hỏi – đáp: Hiểu đúng chuẩn nghèo đa chiều giai đoạn 2021–2025",
        "date": "2023-02-24",
        "topic": "1.2",
        "intro": (
            "Chuẩn nghèo đa chiều theo Nghị định số 07/2021/NĐ-CP không chỉ xét thu nhập "
            "mà còn đo mức độ thiếu hụt các dịch vụ xã hội cơ bản. Bài viết tóm lược "
            "những điểm chính để người dân và cán bộ cơ sở dễ nắm bắt."
        ),
        "paragraphs": [
            (
                "Theo Nghị định số 07/2021/NĐ-CP ngày 27/01/2021 của Chính phủ, chuẩn nghèo "
                "giai đoạn 2021–2025 được xác định theo hai nhóm tiêu chí: tiêu chí thu nhập "
                "và tiêu chí mức độ thiếu hụt dịch vụ xã hội cơ bản. Ngưỡng thu nhập là 1,5 "
                "triệu đồng/người/tháng ở khu vực nông thôn và 2 triệu đồng/người/tháng ở "
                "khu vực thành thị."
            ),
            (
                "Các dịch vụ xã hội cơ bản gồm sáu chiều: việc làm, y tế, giáo dục, nhà ở, "
                "nước sinh hoạt và vệ sinh, thông tin, được đo bằng 12 chỉ số. Hộ nghèo là "
                "hộ có thu nhập bình quân đầu người từ ngưỡng chuẩn trở xuống và thiếu hụt "
                "từ 3 chỉ số trở lên; hộ cận nghèo là hộ có thu nhập từ ngưỡng chuẩn trở "
                "xuống nhưng thiếu hụt dưới 3 chỉ số."
            ),
            (
                "Nghị định còn quy định chuẩn hộ có mức sống trung bình, với thu nhập bình "
                "quân đầu người trên 1,5 triệu đồng đến 2,25 triệu đồng/tháng ở nông thôn và "
                "trên 2 triệu đồng đến 3 triệu đồng/tháng ở thành thị. Đây là căn cứ để thực "
                "hiện một số chính sách an sinh xã hội, trong đó có hỗ trợ đóng bảo hiểm y "
                "tế."
            ),
            (
                "Việc rà soát hộ nghèo, hộ cận nghèo được thực hiện hằng năm theo quy trình "
                "công khai, dân chủ, có sự tham gia của trưởng thôn, Ban công tác Mặt trận "
                "và người dân. Hộ gia đình có thể chủ động đề nghị rà soát tại UBND cấp xã "
                "khi hoàn cảnh thay đổi, hoặc phản ánh nếu thấy kết quả chưa đúng thực tế."
            ),
            (
                "Hiểu đúng chuẩn nghèo đa chiều giúp mỗi hộ biết mình đang thiếu hụt ở đâu "
                "để chủ động khắc phục, đồng thời giúp chính quyền xây dựng giải pháp hỗ trợ "
                "sát với nhu cầu thực tế. Người dân cần thêm thông tin có thể liên hệ cán bộ "
                "lao động - thương binh và xã hội cấp xã để được hướng dẫn cụ thể."
            ),
        ],
        "author": "Phóng viên",
        "source": "Sở Lao động - Thương binh và Xã hội (bài mẫu)",
        "tags": ["Chuẩn nghèo đa chiều", "Nghị định 07/2021/NĐ-CP", "Hỏi – đáp"],
    },
    {
        "title": "Yên Dũng mở chuyên mục “Gương sáng giảm nghèo” trên loa truyền thanh xã",
        "date": "2023-03-10",
        "topic": "1.4",
        "intro": (
            "Nhiều xã của huyện Yên Dũng duy trì chuyên mục phát thanh định kỳ giới "
            "thiệu những hộ gia đình, cá nhân vượt khó vươn lên, đưa thông tin giảm "
            "nghèo đến từng thôn, xóm."
        ),
        "paragraphs": [
            (
                "Mỗi tuần hai buổi, vào khung giờ sáng sớm và chiều muộn, hệ thống truyền "
                "thanh cơ sở ở nhiều xã phát chuyên mục dài khoảng mười phút. Nội dung xoay "
                "quanh những câu chuyện thoát nghèo của chính bà con trong xã, xen kẽ thông "
                "tin về chính sách vay vốn, học nghề và hỗ trợ nhà ở."
            ),
            (
                "Cán bộ văn hóa - thông tin các xã cho biết, bài phát thanh được viết ngắn "
                "gọn, dùng lời ăn tiếng nói gần gũi và thường có đoạn phỏng vấn nhân vật. "
                "Khi nghe chuyện người hàng xóm nhờ chăn nuôi, trồng rau an toàn mà có thu "
                "nhập ổn định, nhiều hộ đã tìm đến học hỏi kinh nghiệm."
            ),
            (
                "Để có nguồn bài, các xã giao trưởng thôn, chi hội trưởng các đoàn thể giới "
                "thiệu nhân vật, sau đó cán bộ xã trực tiếp đến gặp gỡ, ghi chép. Một số bài "
                "hay được chuyển lên Đài huyện để phát lại trên phạm vi rộng hơn."
            ),
            (
                "Cách làm này thể hiện đúng định hướng của kế hoạch truyền thông năm 2023: "
                "chú trọng hệ thống truyền thanh ở cơ sở, lấy gương điển hình để lan tỏa "
                "tinh thần tự lực, tự cường. Thời gian tới, huyện khuyến khích các xã ghi "
                "âm, lưu trữ các chuyên mục để phát lại và chia sẻ trên trang thông tin điện "
                "tử của xã."
            ),
        ],
        "author": "Trần Văn Khánh",
        "source": "Báo Bắc Giang (bài mẫu)",
        "tags": ["Truyền thanh cơ sở", "Gương điển hình", "Yên Dũng"],
    },
    {
        "title": "Vốn tín dụng chính sách tiếp sức hộ nghèo Lục Ngạn phát triển sinh kế",
        "date": "2023-03-28",
        "topic": "1.1",
        "intro": (
            "Nguồn vốn vay ưu đãi của Ngân hàng Chính sách xã hội đang giúp hàng trăm hộ "
            "nghèo, hộ cận nghèo ở huyện Lục Ngạn có điều kiện đầu tư chăn nuôi, cải tạo "
            "vườn cây ăn quả."
        ),
        "paragraphs": [
            (
                "Tín dụng chính sách là một trong những công cụ quan trọng của Chương trình "
                "giảm nghèo. Thông qua Phòng giao dịch Ngân hàng Chính sách xã hội huyện và "
                "các tổ tiết kiệm và vay vốn ở thôn, hộ nghèo, hộ cận nghèo, hộ mới thoát "
                "nghèo được tiếp cận vốn với lãi suất ưu đãi, thủ tục đơn giản."
            ),
            (
                "Tại các điểm giao dịch xã, cán bộ ngân hàng cùng các hội đoàn thể nhận ủy "
                "thác niêm yết công khai các chương trình cho vay, lãi suất và hồ sơ cần "
                "chuẩn bị. Người dân được hướng dẫn lập phương án sản xuất phù hợp với điều "
                "kiện gia đình, tránh vay vốn rồi sử dụng sai mục đích."
            ),
            (
                "Ở nhiều thôn vùng cao, các hộ dùng vốn vay để mua giống bò, lợn, cải tạo "
                "vườn vải thiều hoặc chuyển sang trồng cây có múi. Theo một số tổ trưởng tổ "
                "tiết kiệm và vay vốn, phần lớn các hộ trả lãi đúng hạn và đã có thu nhập ổn "
                "định hơn sau một đến hai vụ sản xuất."
            ),
            (
                "Bên cạnh việc cho vay, công tác truyền thông được chú trọng để người dân "
                "hiểu rõ quyền lợi và trách nhiệm khi vay vốn. Các buổi họp tổ, bản tin "
                "truyền thanh và tờ gấp hướng dẫn được sử dụng thường xuyên, góp phần giúp "
                "đồng vốn ưu đãi phát huy hiệu quả."
            ),
            (
                "Huyện Lục Ngạn xác định tiếp tục lồng ghép nguồn vốn tín dụng với các "
                "chương trình khuyến nông, dạy nghề để hộ vay không chỉ có vốn mà còn có kỹ "
                "thuật và đầu ra cho sản phẩm. Các tổ tiết kiệm và vay vốn cũng sẽ được củng "
                "cố để nâng cao chất lượng tín dụng."
            ),
        ],
        "author": "Lương Thị Hằng",
        "source": "Báo Bắc Giang (bài mẫu)",
        "tags": ["Tín dụng chính sách", "Ngân hàng Chính sách xã hội", "Lục Ngạn"],
    },
    {
        "title": (
            "Hiệp Hòa phát động phong trào thi đua “Vì người nghèo - Không để ai bị bỏ "
            "lại phía sau” năm 2023"
        ),
        "date": "2023-04-12",
        "topic": "1.3",
        "intro": (
            "Huyện Hiệp Hòa tổ chức lễ phát động thi đua, kêu gọi các cơ quan, đoàn thể, "
            "doanh nghiệp và người dân chung tay hỗ trợ hộ nghèo, hộ cận nghèo vươn lên "
            "ổn định cuộc sống."
        ),
        "paragraphs": [
            (
                "Tại buổi lễ, lãnh đạo huyện nhấn mạnh công tác giảm nghèo là nhiệm vụ chính "
                "trị quan trọng, thường xuyên, lâu dài của cả hệ thống chính trị. Phong trào "
                "thi đua năm nay được đổi mới theo hướng gắn trách nhiệm cụ thể cho từng cơ "
                "quan, từng cán bộ, tránh hình thức."
            ),
            (
                "Các xã, thị trấn đăng ký những phần việc cụ thể như hỗ trợ sửa chữa nhà ở, "
                "tặng con giống, giới thiệu việc làm cho lao động thuộc hộ nghèo. Nhiều "
                "doanh nghiệp trên địa bàn cam kết ưu tiên tuyển dụng lao động thuộc hộ "
                "nghèo, hộ cận nghèo đã qua đào tạo."
            ),
            (
                "Ủy ban Mặt trận Tổ quốc huyện đồng thời phát động ủng hộ Quỹ Vì người "
                "nghèo, kêu gọi mỗi cán bộ, công chức, viên chức đóng góp ít nhất một ngày "
                "lương. Ngay tại buổi lễ, một số tập thể, doanh nghiệp đã đăng ký ủng hộ "
                "bằng tiền và hiện vật."
            ),
            (
                "Điểm được chú ý trong phong trào năm nay là khơi dậy ý chí tự lực của chính "
                "người nghèo. Các hộ được hỗ trợ sẽ cùng cán bộ thôn xây dựng kế hoạch thoát "
                "nghèo, có mục tiêu rõ ràng và được theo dõi, động viên thường xuyên."
            ),
            (
                "Kết quả phong trào sẽ được sơ kết vào cuối năm, làm căn cứ để đề nghị khen "
                "thưởng các tập thể, hộ gia đình, cá nhân tiêu biểu. Những cách làm hay sẽ "
                "được giới thiệu trên các phương tiện thông tin đại chúng và hệ thống truyền "
                "thanh cơ sở của huyện."
            ),
        ],
        "author": "Phóng viên",
        "source": "UBND huyện Hiệp Hòa (bài mẫu)",
        "tags": ["Phong trào thi đua", "Quỹ Vì người nghèo", "Hiệp Hòa"],
    },
    {
        "title": "Việt Yên gắn đào tạo nghề với việc làm cho lao động thuộc hộ nghèo",
        "date": "2023-04-26",
        "topic": "1.1",
        "intro": (
            "Tận dụng lợi thế các khu công nghiệp trên địa bàn, huyện Việt Yên đẩy mạnh "
            "đào tạo nghề ngắn hạn và kết nối việc làm, giúp lao động thuộc hộ nghèo, hộ "
            "cận nghèo có thu nhập ổn định."
        ),
        "paragraphs": [
            (
                "Đổi mới dạy nghề, tạo việc làm là một trong những nội dung trọng tâm của "
                "Chương trình giảm nghèo giai đoạn 2021–2025. Tại Việt Yên, các lớp đào tạo "
                "nghề được thiết kế theo nhu cầu thực tế của doanh nghiệp như may công "
                "nghiệp, điện dân dụng, lắp ráp linh kiện điện tử."
            ),
            (
                "Trước khi mở lớp, cán bộ xã phối hợp với trung tâm giáo dục nghề nghiệp đến "
                "từng hộ tìm hiểu nguyện vọng, độ tuổi và điều kiện của người lao động. Học "
                "viên thuộc hộ nghèo, hộ cận nghèo được hỗ trợ học phí, tiền ăn và tiền đi "
                "lại theo quy định."
            ),
            (
                "Sau khóa học, nhiều học viên được giới thiệu vào làm việc tại các doanh "
                "nghiệp trong khu công nghiệp gần nhà. Một số người lựa chọn mở cửa hàng sửa "
                "chữa điện, may đo nhỏ tại thôn, vừa có thu nhập vừa chăm lo được gia đình."
            ),
            (
                "Các phiên giao dịch việc làm lưu động cũng được tổ chức định kỳ tại trụ sở "
                "xã, giúp người lao động gặp trực tiếp nhà tuyển dụng. Thông tin về các "
                "phiên giao dịch được thông báo trước trên loa truyền thanh và trang thông "
                "tin điện tử của huyện."
            ),
            (
                "Theo Phòng Lao động - Thương binh và Xã hội huyện, mục tiêu không chỉ là "
                "giúp hộ thoát nghèo mà còn giúp người lao động có nghề nghiệp vững vàng để "
                "không tái nghèo, đúng tinh thần đầu tư vào con người mà kế hoạch của tỉnh "
                "đề ra. Trong những tháng cuối năm, huyện tiếp tục mở thêm các lớp nghề theo "
                "đặt hàng của doanh nghiệp."
            ),
        ],
        "author": "Đỗ Minh Tuấn",
        "source": "Báo Bắc Giang (bài mẫu)",
        "tags": ["Đào tạo nghề", "Việc làm", "Việt Yên"],
    },
    {
        "title": "Phát động cuộc thi tác phẩm báo chí viết về công tác giảm nghèo năm 2023",
        "date": "2023-05-11",
        "topic": "1.3",
        "intro": (
            "Cuộc thi hướng tới phản ánh sinh động phong trào thi đua “Vì người nghèo - "
            "Không để ai bị bỏ lại phía sau” trên địa bàn tỉnh, khuyến khích người làm "
            "báo tìm đến những câu chuyện giảm nghèo ở cơ sở."
        ),
        "paragraphs": [
            (
                "Cuộc thi là một trong những hình thức truyền thông được nêu trong kế hoạch "
                "truyền thông về Chương trình giảm nghèo năm 2023 của tỉnh. Đối tượng tham "
                "gia là phóng viên, biên tập viên các cơ quan báo chí, cộng tác viên và "
                "những người yêu thích viết báo."
            ),
            (
                "Tác phẩm dự thi có thể thuộc các loại hình báo in, báo điện tử, phát thanh "
                "và truyền hình, phản ánh kết quả thực hiện chính sách giảm nghèo, những mô "
                "hình hay, cách làm sáng tạo và tấm gương vươn lên thoát nghèo. Ban tổ chức "
                "cũng khuyến khích các tác phẩm chỉ ra hạn chế, bất cập để góp phần hoàn "
                "thiện chính sách."
            ),
            (
                "Theo thể lệ mẫu, mỗi tác giả hoặc nhóm tác giả gửi không quá ba tác phẩm đã "
                "đăng, phát trên các phương tiện thông tin đại chúng trong năm 2023. Thể lệ "
                "chi tiết và thời hạn nhận tác phẩm được đăng tải trên trang thông tin điện "
                "tử về giảm nghèo và các cơ quan báo chí của tỉnh."
            ),
            (
                "Ban tổ chức dự kiến trao các giải A, B, C và giải khuyến khích vào cuối "
                "năm. Các tác phẩm đoạt giải sẽ được giới thiệu rộng rãi để lan tỏa những "
                "câu chuyện đẹp về giảm nghèo."
            ),
        ],
        "author": "Phóng viên",
        "source": "Sở Lao động - Thương binh và Xã hội (bài mẫu)",
        "tags": ["Cuộc thi báo chí", "Phong trào thi đua"],
    },
    {
        "title": "Phát hành tờ gấp, sổ tay hỏi – đáp về chính sách giảm nghèo đến thôn, bản",
        "date": "2023-05-25",
        "topic": "1.2",
        "intro": (
            "Hàng nghìn tờ gấp và sổ tay hỏi – đáp về Chương trình giảm nghèo được in "
            "ấn, cấp phát đến các xã, thôn, giúp cán bộ và người dân tra cứu chính sách "
            "một cách thuận tiện."
        ),
        "paragraphs": [
            (
                "Bộ ấn phẩm gồm tờ gấp giới thiệu chuẩn nghèo đa chiều, các chính sách hỗ "
                "trợ hộ nghèo, hộ cận nghèo và sổ tay hỏi – đáp dành cho cán bộ làm công tác "
                "giảm nghèo cấp xã, thôn. Nội dung được biên soạn ngắn gọn, dễ hiểu, kèm "
                "hình minh họa và địa chỉ liên hệ khi cần giải đáp."
            ),
            (
                "Sổ tay dành riêng một phần hướng dẫn quy trình rà soát hộ nghèo, hộ cận "
                "nghèo, cách lập hồ sơ đề nghị hỗ trợ và tham gia các dự án, tiểu dự án của "
                "Chương trình. Đây là những nội dung mà cán bộ cơ sở thường xuyên phải giải "
                "đáp cho người dân."
            ),
            (
                "Ấn phẩm được phân phối về nhà văn hóa thôn, bộ phận một cửa của UBND xã và "
                "các điểm giao dịch của Ngân hàng Chính sách xã hội. Ở các thôn có đông đồng "
                "bào dân tộc thiểu số, cán bộ thôn trực tiếp đọc, giải thích nội dung trong "
                "các buổi họp."
            ),
            (
                "Bên cạnh bản in, nội dung tờ gấp và sổ tay cũng được đăng tải trên trang "
                "thông tin điện tử về giảm nghèo để người dân có thể xem và tải về bất cứ "
                "lúc nào. Các địa phương có nhu cầu bổ sung ấn phẩm có thể đề nghị cơ quan "
                "lao động - thương binh và xã hội cấp huyện để được cấp phát thêm."
            ),
        ],
        "author": "Phạm Thị Lan Anh",
        "source": "Sở Lao động - Thương binh và Xã hội (bài mẫu)",
        "tags": ["Ấn phẩm truyền thông", "Tờ gấp", "Sổ tay"],
    },
    {
        "title": "Nuôi gà đồi theo hướng an toàn sinh học giúp nhiều hộ ở Yên Thế thoát nghèo",
        "date": "2023-06-14",
        "topic": "1.4",
        "intro": (
            "Từ nguồn hỗ trợ con giống, kỹ thuật và liên kết tiêu thụ, mô hình nuôi gà "
            "đồi ở một số xã của huyện Yên Thế đã giúp nhiều hộ nghèo có thu nhập ổn "
            "định."
        ),
        "paragraphs": [
            (
                "Gà đồi Yên Thế là sản phẩm nông nghiệp có thương hiệu của tỉnh. Tận dụng "
                "lợi thế này, địa phương lựa chọn mô hình chăn nuôi gà theo hướng an toàn "
                "sinh học để hỗ trợ các hộ nghèo, hộ cận nghèo có đất đồi nhưng thiếu vốn và "
                "kỹ thuật."
            ),
            (
                "Các hộ tham gia được hỗ trợ một phần con giống, thức ăn và được cán bộ "
                "khuyến nông hướng dẫn cách làm chuồng trại, phòng bệnh, ghi chép nhật ký "
                "chăn nuôi. Tổ hợp tác trong thôn giúp các hộ mua chung vật tư, bán chung "
                "sản phẩm nên giảm chi phí và ổn định giá bán."
            ),
            (
                "Một hộ tham gia mô hình ở xã Đồng Tâm cho biết, trước đây gia đình chỉ nuôi "
                "vài chục con gà thả vườn, thường xuyên bị dịch bệnh. Sau khi được tập huấn "
                "và hỗ trợ, mỗi lứa gia đình nuôi khoảng 500 con, trừ chi phí còn lãi hàng "
                "chục triệu đồng."
            ),
            (
                "Điểm mới của mô hình là yêu cầu các hộ cùng đối ứng công lao động, chuồng "
                "trại và cam kết duy trì sản xuất sau khi kết thúc hỗ trợ. Cách làm này giúp "
                "người dân chủ động, không trông chờ, ỷ lại."
            ),
            (
                "Mô hình được giới thiệu trên báo chí, truyền thanh cơ sở và trong các buổi "
                "tham quan học tập kinh nghiệm, góp phần lan tỏa cách làm hay trong công tác "
                "giảm nghèo của huyện. Huyện dự kiến nhân rộng mô hình sang các xã có điều "
                "kiện tương tự trong năm tới."
            ),
        ],
        "author": "Nguyễn Văn Hải",
        "source": "Báo Bắc Giang (bài mẫu)",
        "tags": ["Mô hình sinh kế", "Gà đồi", "Yên Thế"],
    },
    {
        "title": "Đường giao thông nông thôn mở lối thoát nghèo cho các thôn vùng cao Sơn Động",
        "date": "2023-06-29",
        "topic": "1.1",
        "intro": (
            "Những tuyến đường giao thông nông thôn được cứng hóa từ nguồn vốn các "
            "chương trình mục tiêu quốc gia đang giúp người dân vùng cao Sơn Động đi lại "
            "thuận tiện, vận chuyển nông sản, lâm sản dễ dàng hơn."
        ),
        "paragraphs": [
            (
                "Thực hiện chủ trương tập trung đầu tư trọng tâm, trọng điểm vào huyện "
                "nghèo, xã, thôn, bản đặc biệt khó khăn, nhiều công trình hạ tầng thiết yếu "
                "đã được triển khai tại Sơn Động. Trong đó, đường giao thông nông thôn là "
                "hạng mục được người dân mong đợi nhất."
            ),
            (
                "Trước đây, vào mùa mưa, nhiều tuyến đường đất lầy lội khiến học sinh khó "
                "đến trường, nông sản làm ra khó vận chuyển, thường bị thương lái ép giá. "
                "Nay đường được bê tông hóa, xe tải nhỏ có thể vào tận thôn để thu mua keo, "
                "gỗ rừng trồng và các loại nông sản."
            ),
            (
                "Nhiều công trình được thực hiện theo phương thức Nhà nước hỗ trợ, nhân dân "
                "cùng làm: người dân hiến đất, góp công lao động, tham gia giám sát chất "
                "lượng thi công. Ban giám sát đầu tư của cộng đồng được thành lập ở từng "
                "công trình để bảo đảm công khai, minh bạch."
            ),
            (
                "Việc đầu tư hạ tầng được lồng ghép giữa Chương trình giảm nghèo bền vững, "
                "Chương trình xây dựng nông thôn mới và Chương trình phát triển kinh tế - xã "
                "hội vùng đồng bào dân tộc thiểu số và miền núi. Cách làm này giúp tránh "
                "chồng chéo, lãng phí và phát huy tối đa nguồn lực."
            ),
            (
                "Người dân cho biết, khi đường thông, hàng quán, dịch vụ nhỏ bắt đầu xuất "
                "hiện, con em đi làm ở khu công nghiệp cũng về thăm nhà thường xuyên hơn. "
                "Con đường mới vì thế không chỉ rút ngắn khoảng cách địa lý mà còn mở ra cơ "
                "hội sinh kế cho các hộ nghèo."
            ),
        ],
        "author": "Hoàng Văn Thắng",
        "source": "Báo Bắc Giang (bài mẫu)",
        "tags": ["Hạ tầng", "Đường giao thông nông thôn", "Sơn Động"],
    },
    {
        "title": "Lục Nam nâng cao trách nhiệm người đứng đầu trong công tác giảm nghèo",
        "date": "2023-07-13",
        "topic": "1.2",
        "intro": (
            "Huyện Lục Nam tổ chức hội nghị quán triệt chính sách giảm nghèo cho bí thư "
            "đảng ủy, chủ tịch UBND các xã, thị trấn, yêu cầu người đứng đầu trực tiếp "
            "chỉ đạo và chịu trách nhiệm về kết quả giảm nghèo tại địa phương."
        ),
        "paragraphs": [
            (
                "Hội nghị tập trung quán triệt các chủ trương của Đảng, chính sách của Nhà "
                "nước về giảm nghèo bền vững, nội dung các dự án, tiểu dự án của Chương "
                "trình và quy trình tổ chức thực hiện ở cấp xã. Các đại biểu cũng được thông "
                "tin về những tồn tại, hạn chế phát hiện qua kiểm tra, giám sát thời gian "
                "qua."
            ),
            (
                "Lãnh đạo huyện yêu cầu mỗi xã, thị trấn phân công cụ thể cán bộ phụ trách "
                "từng thôn, từng nhóm hộ nghèo; kết quả giảm nghèo là một tiêu chí đánh giá "
                "mức độ hoàn thành nhiệm vụ của tập thể và người đứng đầu. Việc giải ngân "
                "nguồn vốn các dự án phải bảo đảm đúng tiến độ, đúng đối tượng."
            ),
            (
                "Nhiều ý kiến tại hội nghị nêu khó khăn như một bộ phận người dân còn tâm lý "
                "trông chờ, một số hộ chưa muốn thoát nghèo để tiếp tục được hưởng chính "
                "sách. Các đại biểu thống nhất cần tăng cường đối thoại, tuyên truyền để "
                "người dân hiểu rằng thoát nghèo là quyền lợi và danh dự của mỗi gia đình."
            ),
            (
                "Sau hội nghị, các xã sẽ tổ chức quán triệt đến chi bộ, thôn, tổ dân phố, "
                "đồng thời đưa nội dung giảm nghèo vào sinh hoạt định kỳ của các chi bộ "
                "đảng. Việc thực hiện sẽ được kiểm tra, đánh giá trong đợt sơ kết cuối năm."
            ),
        ],
        "author": "Phóng viên",
        "source": "UBND huyện Lục Nam (bài mẫu)",
        "tags": ["Người đứng đầu", "Quán triệt chính sách", "Lục Nam"],
    },
    {
        "title": "Tân Yên: Quỹ Vì người nghèo góp sức xây nhà Đại đoàn kết cho hộ khó khăn",
        "date": "2023-07-27",
        "topic": "1.3",
        "intro": (
            "Từ nguồn Quỹ Vì người nghèo các cấp và sự chung tay của cộng đồng, nhiều hộ "
            "nghèo ở huyện Tân Yên đã được hỗ trợ xây mới, sửa chữa nhà ở, yên tâm lao "
            "động sản xuất."
        ),
        "paragraphs": [
            (
                "Vận động xây dựng Quỹ Vì người nghèo là nhiệm vụ trọng tâm của Mặt trận Tổ "
                "quốc các cấp trong phong trào thi đua “Vì người nghèo - Không để ai bị bỏ "
                "lại phía sau”. Tại Tân Yên, công tác vận động được triển khai rộng khắp từ "
                "cơ quan, doanh nghiệp đến từng khu dân cư."
            ),
            (
                "Nguồn quỹ được ưu tiên hỗ trợ hộ nghèo có nhà ở hư hỏng, dột nát, đặc biệt "
                "là hộ có người cao tuổi, người khuyết tật. Mỗi căn nhà Đại đoàn kết được hỗ "
                "trợ một phần kinh phí, phần còn lại do gia đình, dòng họ và bà con làng xóm "
                "cùng góp công, góp vật liệu."
            ),
            (
                "Ban công tác Mặt trận ở khu dân cư giữ vai trò nòng cốt trong việc bình "
                "xét, lựa chọn hộ được hỗ trợ, bảo đảm công khai, dân chủ. Việc sử dụng quỹ "
                "được báo cáo tại hội nghị khu dân cư để người dân cùng giám sát."
            ),
            (
                "Nhận bàn giao căn nhà mới, một hộ gia đình cho biết đây là động lực để cả "
                "nhà yên tâm làm ăn, phấn đấu sớm thoát nghèo. Nhiều hộ sau khi có nhà ổn "
                "định đã tích cực tham gia các tổ hợp tác chăn nuôi, trồng trọt trong thôn."
            ),
            (
                "Mặt trận huyện tiếp tục kêu gọi các tổ chức, cá nhân và con em quê hương "
                "làm ăn xa đóng góp cho Quỹ, đồng thời tăng cường giám sát, phản biện xã hội "
                "trong thực hiện chính sách giảm nghèo. Mọi khoản đóng góp đều được công "
                "khai và sử dụng đúng mục đích."
            ),
        ],
        "author": "Vũ Thị Ngọc",
        "source": "Ủy ban Mặt trận Tổ quốc huyện Tân Yên (bài mẫu)",
        "tags": ["Quỹ Vì người nghèo", "Nhà Đại đoàn kết", "Tân Yên"],
    },
    {
        "title": "Lan tỏa thông điệp giảm nghèo trên mạng xã hội và nền tảng số",
        "date": "2023-08-16",
        "topic": "1.2",
        "intro": (
            "Chiến dịch truyền thông trực tuyến về giảm nghèo được triển khai với các "
            "phóng sự ngắn, tranh cổ động và bài hỏi – đáp, khuyến khích người dân cùng "
            "chia sẻ thông tin chính sách."
        ),
        "paragraphs": [
            (
                "Thực hiện định hướng đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số "
                "trong công tác truyền thông, nhiều cơ quan, địa phương đã mở chuyên mục về "
                "giảm nghèo trên trang thông tin điện tử và các trang mạng xã hội chính "
                "thức. Nội dung được thiết kế ngắn gọn, phù hợp với thói quen xem trên điện "
                "thoại thông minh."
            ),
            (
                "Đoàn Thanh niên các xã là lực lượng tích cực trong chiến dịch, thực hiện "
                "các phóng sự ngắn ghi lại hành trình vươn lên của những hộ gia đình ở địa "
                "phương. Những câu chuyện chân thực, gần gũi nhận được nhiều lượt chia sẻ và "
                "lời động viên."
            ),
            (
                "Song song với đó, các bài hỏi – đáp về chuẩn nghèo, vay vốn ưu đãi, hỗ trợ "
                "học nghề được đăng tải định kỳ, kèm thông tin liên hệ để người dân hỏi "
                "thêm. Nhiều câu hỏi của người dân được cán bộ chuyên môn trả lời trực tiếp "
                "trong phần bình luận."
            ),
            (
                "Các cơ quan chức năng cũng lưu ý người dân tiếp nhận thông tin từ nguồn "
                "chính thống, cảnh giác với những lời mời “làm hộ hồ sơ vay vốn”, “chạy xét "
                "duyệt hộ nghèo” có thu phí trên mạng. Mọi chính sách giảm nghèo đều được "
                "thực hiện công khai tại UBND cấp xã và không thu bất kỳ khoản phí trung "
                "gian nào."
            ),
            (
                "Chiến dịch góp phần hình thành kênh truyền thông hai chiều, vừa đưa chính "
                "sách đến người dân, vừa tiếp nhận ý kiến, phản ánh để các cơ quan kịp thời "
                "giải đáp. Các đơn vị sẽ tiếp tục sản xuất nội dung mới, phù hợp từng nhóm "
                "đối tượng trong những tháng cuối năm."
            ),
        ],
        "author": "Lê Hoàng Nam",
        "source": "Sở Thông tin và Truyền thông (bài mẫu)",
        "tags": ["Chuyển đổi số", "Mạng xã hội", "Chiến dịch truyền thông"],
    },
    {
        "title": "Chàng trai Lục Nam khởi nghiệp từ cây dược liệu, tạo việc làm cho bà con nghèo",
        "date": "2023-08-30",
        "topic": "1.4",
        "intro": (
            "Từ mảnh đất đồi của gia đình, anh Đặng Văn Toàn ở xã Lục Sơn, huyện Lục Nam "
            "đã xây dựng vùng trồng ba kích, tạo việc làm thời vụ cho nhiều lao động "
            "thuộc hộ nghèo trong thôn."
        ),
        "paragraphs": [
            (
                "Sinh ra trong một gia đình người Dao từng thuộc diện hộ nghèo, anh Toàn "
                "hiểu rõ nỗi vất vả của bà con khi chỉ trông vào vài vụ ngô, sắn. Sau thời "
                "gian đi làm ăn xa, anh quyết định trở về quê, vay vốn Ngân hàng Chính sách "
                "xã hội theo chương trình hỗ trợ tạo việc làm để trồng ba kích tím dưới tán "
                "rừng."
            ),
            (
                "Những năm đầu, anh gặp không ít khó khăn vì thiếu kinh nghiệm, cây giống "
                "chết nhiều. Được cán bộ khuyến nông hướng dẫn, anh kiên trì thử nghiệm, ghi "
                "chép cẩn thận và dần làm chủ kỹ thuật trồng, chăm sóc."
            ),
            (
                "Đến nay, vùng trồng của anh cùng một số hộ liên kết đã mở rộng lên vài "
                "héc-ta, sản phẩm được sơ chế, đóng gói và bán cho các cơ sở dược liệu trong "
                "và ngoài tỉnh. Vào mùa thu hoạch, anh thuê hàng chục lao động trong thôn, "
                "ưu tiên người thuộc hộ nghèo, hộ cận nghèo."
            ),
            (
                "Không chỉ tạo việc làm, anh Toàn còn cung cấp giống và hướng dẫn kỹ thuật "
                "miễn phí cho những hộ muốn tham gia, cam kết bao tiêu sản phẩm. Nhờ vậy, "
                "một số hộ trong thôn đã có thêm nguồn thu ổn định từ cây dược liệu."
            ),
            (
                "Câu chuyện của anh Toàn được Đoàn Thanh niên huyện giới thiệu như một tấm "
                "gương thanh niên dám nghĩ, dám làm, góp phần lan tỏa tinh thần tự lực vươn "
                "lên. Anh mong thời gian tới sẽ có thêm nhiều hộ cùng tham gia để hình thành "
                "vùng dược liệu tập trung."
            ),
        ],
        "author": "Phóng viên",
        "source": "Báo Bắc Giang (bài mẫu)",
        "tags": ["Gương điển hình", "Khởi nghiệp", "Lục Nam"],
    },
    {
        "title": "Mở rộng kênh tiếp nhận phản ánh của người dân về thực hiện chính sách giảm nghèo",
        "date": "2023-09-20",
        "topic": "1.4",
        "intro": (
            "Người dân có thể phản ánh, kiến nghị về việc thực hiện Chương trình giảm "
            "nghèo qua trang thông tin điện tử, hòm thư góp ý tại UBND cấp xã, đường dây "
            "nóng của cơ quan chuyên môn và các buổi tiếp công dân."
        ),
        "paragraphs": [
            (
                "Kế hoạch truyền thông năm 2023 của tỉnh xác định xây dựng các kênh truyền "
                "thông hai chiều, vừa tuyên truyền chính sách vừa tiếp nhận thông tin, phản "
                "ánh của người dân. Đây cũng là cách để phát hiện kịp thời những hạn chế, "
                "tiêu cực trong thực hiện chính sách giảm nghèo."
            ),
            (
                "Trên trang thông tin điện tử về giảm nghèo, người dân có thể gửi câu hỏi, "
                "góp ý hoặc phản ánh bằng biểu mẫu trực tuyến. Mỗi phản ánh được chuyển đến "
                "cơ quan có thẩm quyền xem xét, trả lời; những câu hỏi có nội dung chung "
                "được tổng hợp, đăng tải công khai để nhiều người cùng tham khảo."
            ),
            (
                "Ở cơ sở, hòm thư góp ý được đặt tại trụ sở UBND xã và nhà văn hóa thôn; Ban "
                "công tác Mặt trận khu dân cư và Ban Thanh tra nhân dân tiếp nhận ý kiến "
                "trực tiếp. Thông tin cá nhân của người phản ánh được giữ bí mật theo quy "
                "định."
            ),
            (
                "Các nội dung được khuyến khích phản ánh gồm bình xét hộ nghèo chưa đúng đối "
                "tượng, chậm trễ trong chi trả chính sách, sử dụng sai mục đích vốn hỗ trợ "
                "hoặc các hành vi trục lợi chính sách. Phê phán những biểu hiện tiêu cực "
                "cũng là một nội dung của công tác truyền thông, góp phần bảo đảm chính sách "
                "đến đúng người, đúng việc."
            ),
            (
                "Cơ quan chuyên môn khuyến nghị người dân cung cấp thông tin cụ thể, trung "
                "thực để việc xác minh, xử lý được nhanh chóng, hiệu quả. Những thắc mắc về "
                "chính sách cũng có thể được giải đáp trực tiếp tại bộ phận một cửa của UBND "
                "cấp xã."
            ),
        ],
        "author": "Phóng viên",
        "source": "Sở Lao động - Thương binh và Xã hội (bài mẫu)",
        "tags": ["Phản ánh, kiến nghị", "Truyền thông hai chiều", "Giám sát"],
    },
    {
        "title": "Hợp tác xã ở Lạng Giang liên kết tiêu thụ nông sản cho hộ cận nghèo",
        "date": "2023-10-11",
        "topic": "1.4",
        "intro": (
            "Một hợp tác xã rau an toàn ở huyện Lạng Giang ký kết bao tiêu sản phẩm và "
            "hướng dẫn kỹ thuật cho các hộ cận nghèo, hộ mới thoát nghèo, giúp họ yên "
            "tâm sản xuất."
        ),
        "paragraphs": [
            (
                "Hợp tác xã được thành lập từ nhóm hộ trồng rau trong xã, đến nay có vài "
                "chục thành viên. Hợp tác xã chủ động kết nối với bếp ăn tập thể của doanh "
                "nghiệp, trường học và các cửa hàng thực phẩm trong tỉnh để có đầu ra ổn "
                "định."
            ),
            (
                "Hằng năm, hợp tác xã dành một phần diện tích liên kết cho các hộ cận nghèo, "
                "hộ mới thoát nghèo tham gia. Các hộ được cung ứng giống, phân bón trả chậm, "
                "được tập huấn quy trình sản xuất an toàn và được thu mua sản phẩm theo giá "
                "thỏa thuận từ đầu vụ."
            ),
            (
                "Nhờ liên kết, thu nhập của các hộ tham gia ổn định hơn so với tự trồng, tự "
                "bán. Một thành viên cho biết, trước đây gia đình thường lo cảnh được mùa "
                "mất giá, nay chỉ cần tập trung chăm sóc đúng quy trình."
            ),
            (
                "Mô hình là ví dụ về sự tham gia của các tổ chức kinh tế tập thể vào công "
                "tác giảm nghèo, phù hợp định hướng hỗ trợ phát triển sản xuất, đa dạng hóa "
                "sinh kế của Chương trình. Huyện Lạng Giang đang nghiên cứu nhân rộng mô "
                "hình ra các xã có điều kiện tương tự."
            ),
        ],
        "author": "Ngô Thị Hương",
        "source": "Báo Bắc Giang (bài mẫu)",
        "tags": ["Hợp tác xã", "Liên kết sản xuất", "Lạng Giang"],
    },
    {
        "title": (
            "Thành phố Bắc Giang sơ kết phong trào thi đua “Vì người nghèo - Không để ai "
            "bị bỏ lại phía sau”"
        ),
        "date": "2023-10-25",
        "topic": "1.3",
        "intro": (
            "Thành phố Bắc Giang tổ chức hội nghị sơ kết phong trào thi đua, khen thưởng "
            "các tập thể, hộ gia đình, cá nhân có thành tích xuất sắc, tiêu biểu trong "
            "công tác giảm nghèo."
        ),
        "paragraphs": [
            (
                "Báo cáo tại hội nghị cho thấy phong trào thi đua được các phường, xã, cơ "
                "quan, đơn vị triển khai đồng bộ với nhiều cách làm thiết thực. Các hoạt "
                "động hỗ trợ tập trung vào nhà ở, việc làm, học nghề và chăm lo đời sống cho "
                "hộ nghèo, hộ cận nghèo, nhất là người cao tuổi, người khuyết tật."
            ),
            (
                "Là địa bàn đô thị, thành phố chú trọng hỗ trợ các hộ thiếu hụt về việc làm "
                "và bảo hiểm y tế, những chỉ số thường gặp ở khu vực thành thị theo chuẩn "
                "nghèo đa chiều. Nhiều doanh nghiệp, hộ kinh doanh đã nhận lao động thuộc hộ "
                "nghèo vào làm việc và đỡ đầu học sinh có hoàn cảnh khó khăn."
            ),
            (
                "Tại hội nghị, Chủ tịch UBND thành phố tặng giấy khen cho các tập thể, hộ "
                "gia đình và cá nhân tiêu biểu. Trong số đó có những hộ tự nguyện đăng ký "
                "thoát nghèo, những doanh nghiệp thường xuyên đồng hành với các chương trình "
                "an sinh xã hội và những cán bộ cơ sở tận tụy với người nghèo."
            ),
            (
                "Hội nghị cũng chỉ ra một số hạn chế như công tác tuyên truyền ở một số nơi "
                "còn hình thức, việc huy động nguồn lực xã hội chưa đồng đều. Thành phố đề "
                "ra nhiệm vụ tiếp tục đổi mới nội dung phong trào, gắn với thực hiện các mục "
                "tiêu giảm nghèo bền vững trong giai đoạn tiếp theo."
            ),
        ],
        "author": "Phóng viên",
        "source": "UBND thành phố Bắc Giang (bài mẫu)",
        "tags": ["Sơ kết thi đua", "Khen thưởng", "Thành phố Bắc Giang"],
    },
    {
        "title": "Tổng hợp kết quả thực hiện kế hoạch truyền thông giảm nghèo năm 2023",
        "date": "2023-11-16",
        "topic": "1.1",
        "intro": (
            "Theo yêu cầu của kế hoạch, trước ngày 15/11/2023 các sở, ngành, UBND huyện, "
            "thành phố gửi báo cáo kết quả thực hiện về Sở Lao động - Thương binh và Xã "
            "hội để tổng hợp, báo cáo UBND tỉnh."
        ),
        "paragraphs": [
            (
                "Qua tổng hợp bước đầu, các hoạt động truyền thông năm 2023 được triển khai "
                "tương đối đồng bộ từ tỉnh đến cơ sở. Báo Bắc Giang, Đài Phát thanh và "
                "Truyền hình tỉnh duy trì chuyên trang, chuyên mục về giảm nghèo; hệ thống "
                "truyền thanh cơ sở thường xuyên phát tin, bài về chính sách."
            ),
            (
                "Các huyện Lục Ngạn, Sơn Động, Lục Nam, Yên Thế, Lạng Giang, Tân Yên, Hiệp "
                "Hòa, Việt Yên, Yên Dũng và thành phố Bắc Giang đều xây dựng kế hoạch truyền "
                "thông của địa phương, bố trí kinh phí và chỉ đạo các xã, phường, thị trấn "
                "triển khai. Nhiều nơi lồng ghép truyền thông giảm nghèo với các hoạt động "
                "xây dựng nông thôn mới."
            ),
            (
                "Bên cạnh kết quả đạt được, báo cáo của một số địa phương cho thấy nội dung "
                "tuyên truyền ở cơ sở có lúc chưa phong phú, đội ngũ cán bộ làm công tác "
                "truyền thông còn kiêm nhiệm nhiều việc. Việc ứng dụng nền tảng số để tương "
                "tác với người dân chưa đồng đều giữa các địa bàn."
            ),
            (
                "Trên cơ sở tổng hợp, Sở Lao động - Thương binh và Xã hội sẽ báo cáo UBND "
                "tỉnh và Bộ Lao động - Thương binh và Xã hội theo quy định, đồng thời đề "
                "xuất nội dung trọng tâm cho kế hoạch truyền thông năm 2024. Những mô hình, "
                "cách làm hiệu quả được nêu trong báo cáo sẽ tiếp tục được giới thiệu trên "
                "trang thông tin điện tử về giảm nghèo."
            ),
            (
                "Định hướng năm tới là tiếp tục tuyên truyền mục tiêu giảm nghèo theo chiều "
                "sâu, tập trung vào nhóm hộ có nguy cơ tái nghèo và nâng cao chất lượng các "
                "kênh truyền thông hai chiều. Các địa phương được đề nghị chủ động đánh giá, "
                "rút kinh nghiệm để kế hoạch năm sau sát với thực tế hơn."
            ),
        ],
        "author": "Phóng viên",
        "source": "Sở Lao động - Thương binh và Xã hội (bài mẫu)",
        "tags": ["Báo cáo", "Kế hoạch truyền thông", "Tổng kết năm"],
    },
    {
        "title": "Trao giải cuộc thi tác phẩm báo chí về giảm nghèo năm 2023",
        "date": "2023-12-06",
        "topic": "1.3",
        "intro": (
            "Sau nhiều tháng phát động, cuộc thi tác phẩm báo chí viết về phong trào thi "
            "đua “Vì người nghèo - Không để ai bị bỏ lại phía sau” đã khép lại với lễ "
            "trao giải cho các tác phẩm xuất sắc."
        ),
        "paragraphs": [
            (
                "Ban tổ chức nhận được hơn một trăm tác phẩm thuộc các loại hình báo in, báo "
                "điện tử, phát thanh và truyền hình. Nhiều tác phẩm được đầu tư công phu, "
                "tác giả dành thời gian bám cơ sở, ghi lại những câu chuyện thực tế ở các "
                "thôn, bản vùng sâu, vùng xa."
            ),
            (
                "Các tác phẩm đoạt giải phản ánh sinh động hành trình vươn lên của những hộ "
                "gia đình từng thuộc diện nghèo, vai trò của cán bộ cơ sở, doanh nghiệp và "
                "các tổ chức đoàn thể. Một số loạt bài mạnh dạn chỉ ra bất cập trong triển "
                "khai chính sách và đề xuất giải pháp khắc phục."
            ),
            (
                "Phát biểu tại lễ trao giải, đại diện Ban tổ chức đánh giá cuộc thi đã góp "
                "phần lan tỏa phong trào thi đua, khơi dậy ý chí tự lực, tự cường của người "
                "nghèo. Những tác phẩm chất lượng cũng là nguồn tư liệu quý cho công tác "
                "tuyên truyền ở cơ sở."
            ),
            (
                "Các tác phẩm đoạt giải sẽ được giới thiệu trên trang thông tin điện tử về "
                "giảm nghèo và phát lại trên hệ thống truyền thanh cơ sở. Ban tổ chức mong "
                "muốn cuộc thi được duy trì thường xuyên, thu hút thêm nhiều cây bút trẻ và "
                "cộng tác viên ở cơ sở tham gia."
            ),
        ],
        "author": "Phóng viên",
        "source": "Hội Nhà báo tỉnh (bài mẫu)",
        "tags": ["Cuộc thi báo chí", "Trao giải", "Phong trào thi đua"],
    },
]

STORIES: list[dict] = [
    {
        "title": "Chị Hoàng Thị Mai: từ hộ nghèo thành chủ vườn vải thiều có thu nhập ổn định",
        "category": "person",
        "place": "xã Tân Sơn, huyện Lục Ngạn",
        "summary": (
            "Từng thuộc diện hộ nghèo của thôn, chị Hoàng Thị Mai, người dân tộc Tày, đã "
            "kiên trì cải tạo vườn vải, học kỹ thuật sản xuất theo hướng an toàn và trở "
            "thành người truyền cảm hứng cho nhiều phụ nữ trong xã."
        ),
        "paragraphs": [
            (
                "Hơn mười năm trước, gia đình chị Mai sống trong căn nhà tạm, cả nhà trông "
                "vào mấy sào vải già cỗi, năng suất thấp. Chồng chị thường xuyên đau ốm, hai "
                "con nhỏ đang tuổi ăn học, thu nhập bấp bênh khiến gia đình nhiều năm liền "
                "nằm trong danh sách hộ nghèo."
            ),
            (
                "Bước ngoặt đến khi chị được Hội Liên hiệp Phụ nữ xã giới thiệu vay vốn ưu "
                "đãi qua Ngân hàng Chính sách xã hội và tham gia lớp tập huấn kỹ thuật trồng "
                "vải theo hướng an toàn, có truy xuất nguồn gốc. Chị mạnh dạn cắt tỉa, ghép "
                "cải tạo giống, bón phân hữu cơ và ghi chép sổ nhật ký sản xuất, những việc "
                "trước đây chị chưa từng làm."
            ),
            (
                "Những mùa vải đầu tiên sau cải tạo, quả to, đẹp, được thương lái và hợp tác "
                "xã thu mua với giá cao hơn. Chị trồng xen cây có múi, nuôi thêm đàn gà để "
                "có nguồn thu quanh năm, dần trả hết nợ ngân hàng và xây được ngôi nhà mới."
            ),
            (
                "Khi gia đình đủ điều kiện, chị chủ động làm đơn xin ra khỏi danh sách hộ "
                "nghèo. “Mình còn sức lao động thì phải tự đứng lên, nhường suất hỗ trợ cho "
                "người khó khăn hơn”, chị chia sẻ."
            ),
            (
                "Hiện chị là tổ trưởng một tổ phụ nữ cùng làm kinh tế, thường xuyên hướng "
                "dẫn chị em kỹ thuật chăm sóc vườn và cách quản lý chi tiêu gia đình. Câu "
                "chuyện của chị được giới thiệu trên loa truyền thanh xã như một tấm gương "
                "tiêu biểu trong phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại "
                "phía sau”."
            ),
        ],
    },
    {
        "title": "Gia đình người Dao ở Vân Sơn thoát nghèo nhờ trồng rừng và chăn nuôi",
        "category": "household",
        "place": "xã Vân Sơn, huyện Sơn Động",
        "summary": (
            "Nhờ chính sách hỗ trợ sinh kế, vốn vay ưu đãi và sự đồng lòng của cả nhà, "
            "gia đình anh Triệu Văn Sơn đã thoát nghèo, có của ăn của để."
        ),
        "paragraphs": [
            (
                "Gia đình anh Sơn có năm người, ba thế hệ cùng sống trên sườn đồi. Trước "
                "đây, cả nhà chỉ làm nương, trồng ngô, sắn, có năm thiếu ăn vài tháng giáp "
                "hạt, đường từ nhà ra trung tâm xã phải đi bộ hàng giờ."
            ),
            (
                "Khi được bình xét tham gia dự án hỗ trợ phát triển sản xuất, gia đình anh "
                "được hỗ trợ một con trâu sinh sản, cây giống keo và tập huấn kỹ thuật. Cán "
                "bộ thôn cùng gia đình ngồi lại lập kế hoạch thoát nghèo, ghi rõ mỗi năm cần "
                "làm gì, cần hỗ trợ gì."
            ),
            (
                "Vợ chồng anh chia nhau công việc: chồng lo chăm rừng, khai thác gỗ đúng kỹ "
                "thuật, vợ chăm sóc đàn trâu, lợn và vườn rau. Người con trai cả sau khi học "
                "xong lớp nghề sửa chữa máy nông nghiệp đã mở cửa hàng nhỏ ở trung tâm xã, "
                "có thêm thu nhập phụ giúp gia đình."
            ),
            (
                "Sau vài năm, đàn trâu đã sinh sôi, rừng keo đến kỳ khai thác cho nguồn thu "
                "đáng kể. Gia đình trả hết nợ vay, sửa sang nhà cửa, mua xe máy để đi lại và "
                "đầu tư cho con nhỏ học tiếp."
            ),
            (
                "Ở thôn, gia đình anh Sơn thường được mời chia sẻ kinh nghiệm tại các buổi "
                "họp. Anh bảo, điều quan trọng nhất là cả nhà cùng chí thú làm ăn và biết "
                "tận dụng đúng lúc sự hỗ trợ của Nhà nước."
            ),
        ],
    },
    {
        "title": "Chi hội Phụ nữ ở Canh Nậu: tiết kiệm giúp nhau, cùng nhau thoát nghèo",
        "category": "collective",
        "place": "xã Canh Nậu, huyện Yên Thế",
        "summary": (
            "Bằng nhóm tiết kiệm xoay vòng và “ngày công giúp nhau”, một chi hội phụ nữ "
            "ở xã Canh Nậu đã giúp nhiều hội viên nghèo có vốn làm ăn và tự tin vươn "
            "lên."
        ),
        "paragraphs": [
            (
                "Chi hội có gần một trăm hội viên, phần lớn làm nông nghiệp, nhiều chị thuộc "
                "hộ nghèo, hộ cận nghèo. Ban chi hội nhận thấy điều các chị thiếu nhất không "
                "chỉ là vốn mà còn là sự tự tin và người đồng hành."
            ),
            (
                "Từ đó, chi hội thành lập nhóm tiết kiệm: mỗi tháng các thành viên góp một "
                "khoản nhỏ, ai cần vốn mua con giống, phân bón thì được vay luân phiên không "
                "lãi. Chi hội còn duy trì “ngày công giúp nhau” vào mùa vụ, nhà nào thiếu "
                "người thì cả nhóm đến giúp làm đất, thu hoạch."
            ),
            (
                "Thông qua tổ tiết kiệm và vay vốn nhận ủy thác của Ngân hàng Chính sách xã "
                "hội, các chị được hướng dẫn kỹ về thủ tục vay, lập phương án sản xuất và "
                "trả nợ đúng hạn. Những buổi sinh hoạt chi hội trở thành nơi trao đổi kinh "
                "nghiệm nuôi gà đồi, trồng cây ăn quả."
            ),
            (
                "Sau một thời gian, nhiều hội viên đã thoát nghèo, có chị trở thành tổ "
                "trưởng tổ hợp tác chăn nuôi của thôn. Không khí đoàn kết, tương trợ lan "
                "tỏa, chi hội thường xuyên được đánh giá là một trong những chi hội hoạt "
                "động hiệu quả của xã."
            ),
            (
                "Hoạt động của chi hội là minh chứng cho vai trò của các tập thể, đoàn thể ở "
                "cơ sở trong phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía "
                "sau”. Chi hội đặt mục tiêu trong những năm tới không còn hội viên nào thuộc "
                "diện hộ nghèo."
            ),
        ],
    },
    {
        "title": "Nuôi ong dưới tán rừng: hướng đi mới cho hộ nghèo vùng cao Tuấn Đạo",
        "category": "model",
        "place": "xã Tuấn Đạo, huyện Sơn Động",
        "summary": (
            "Mô hình nuôi ong lấy mật dưới tán rừng tận dụng lợi thế sẵn có, vốn đầu tư "
            "không lớn, phù hợp với các hộ nghèo có ít đất canh tác."
        ),
        "paragraphs": [
            (
                "Tuấn Đạo là xã miền núi có diện tích rừng lớn, nhiều loài cây có hoa cho "
                "nguồn mật dồi dào theo mùa. Trước đây, một số hộ chỉ nuôi ong nhỏ lẻ theo "
                "kinh nghiệm, năng suất thấp, sản phẩm bán chủ yếu cho người quen."
            ),
            (
                "Từ nguồn vốn hỗ trợ phát triển sản xuất, xã lựa chọn mô hình nuôi ong cho "
                "các hộ nghèo, hộ cận nghèo có nguyện vọng. Mỗi hộ được hỗ trợ một số đàn "
                "ong giống, thùng nuôi và dụng cụ, được cán bộ kỹ thuật hướng dẫn cách chia "
                "đàn, phòng bệnh và khai thác mật đúng thời điểm."
            ),
            (
                "Các hộ tham gia lập tổ hợp tác để thống nhất quy trình, cùng đóng chai, dán "
                "nhãn và giới thiệu sản phẩm tại các hội chợ, trên trang mạng xã hội của xã. "
                "Nhờ bảo đảm chất lượng, mật ong của tổ được nhiều khách hàng tin dùng, giá "
                "bán ổn định hơn."
            ),
            (
                "Ưu điểm của mô hình là không cần nhiều đất, tận dụng được lao động nhàn "
                "rỗi, đồng thời khuyến khích người dân bảo vệ rừng vì có rừng xanh thì ong "
                "mới có mật. Với một số hộ, thu nhập từ nuôi ong đã trở thành nguồn thu "
                "chính, giúp gia đình vượt qua chuẩn nghèo."
            ),
            (
                "Xã đang phối hợp với các ngành chức năng hoàn thiện hồ sơ để sản phẩm tham "
                "gia Chương trình mỗi xã một sản phẩm, mở rộng thị trường tiêu thụ. Nếu "
                "thành công, mật ong rừng Tuấn Đạo sẽ có thương hiệu riêng, mang lại thu "
                "nhập bền vững hơn cho người dân."
            ),
        ],
    },
    {
        "title": "Sáng kiến “Mỗi đảng viên đồng hành cùng một hộ nghèo” ở Tiến Dũng",
        "category": "initiative",
        "place": "xã Tiến Dũng, huyện Yên Dũng",
        "summary": (
            "Đảng ủy xã phân công mỗi đảng viên, cán bộ theo dõi, giúp đỡ một hộ nghèo "
            "hoặc cận nghèo, cùng gia đình tìm hướng làm ăn và đồng hành cho đến khi hộ "
            "thoát nghèo bền vững."
        ),
        "paragraphs": [
            (
                "Sáng kiến ra đời từ thực tế: nhiều hộ nghèo không thiếu chính sách hỗ trợ "
                "nhưng thiếu người hướng dẫn cách sử dụng nguồn hỗ trợ hiệu quả. Đảng ủy xã "
                "quyết định giao nhiệm vụ cho từng đảng viên, cán bộ phụ trách một hộ cụ "
                "thể, gắn với đánh giá kết quả thực hiện nhiệm vụ hằng năm."
            ),
            (
                "Mỗi đảng viên đến thăm hộ được phân công ít nhất mỗi tháng một lần, tìm "
                "hiểu nguyên nhân nghèo và cùng gia đình lập kế hoạch thoát nghèo. Có hộ cần "
                "giới thiệu việc làm, có hộ cần kết nối vốn vay, có hộ lại cần được động "
                "viên để con em tiếp tục đi học."
            ),
            (
                "Các đảng viên cũng là người tuyên truyền chính sách trực tiếp, giải thích "
                "cho các hộ về chuẩn nghèo đa chiều, quyền lợi khi tham gia bảo hiểm y tế, "
                "học nghề. Những vướng mắc vượt quá khả năng giải quyết được báo cáo kịp "
                "thời lên chi bộ và UBND xã."
            ),
            (
                "Sau một thời gian thực hiện, nhiều hộ được đỡ đầu đã có việc làm ổn định, "
                "một số hộ tự nguyện đăng ký thoát nghèo. Quan trọng hơn, mối quan hệ giữa "
                "cán bộ và người dân trở nên gần gũi, tin cậy."
            ),
            (
                "Sáng kiến được Huyện ủy Yên Dũng ghi nhận và khuyến khích các xã khác tham "
                "khảo, vận dụng phù hợp với điều kiện của từng địa phương. Với Tiến Dũng, "
                "đây không phải phong trào nhất thời mà là cách làm được duy trì thường "
                "xuyên trong sinh hoạt chi bộ."
            ),
        ],
    },
]


# --- the portal's own facts and notices (issue 13, item 16) -----------------------------------

# Nghị định 42/2022/NĐ-CP: a state body's site shows the body, its address, phone and e-mail and
# the person responsible for content. The phone and e-mail are placeholders of the demonstration
# (".invalid" reaches nobody); the administrator replaces them under Cài đặt › Thông tin cổng.
IDENTITY = {
    "address": "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang, thành phố Bắc Giang, "
    "tỉnh Bắc Giang",
    "phone": "0204 3 000 000",
    "email": "giamngheo@example.invalid",
    "responsible_person": "Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang "
    "(thông tin mẫu)",
}

CONTACT = {"phone": "0204 3 000 000", "email": "giamngheo@example.invalid"}

# The poverty standard the self-check applies (FACTS: the program's multidimensional standard).
DECREE_07_2021 = {
    "title": "Nghị định 07/2021/NĐ-CP quy định chuẩn nghèo đa chiều giai đoạn 2021 - 2025",
    "slug": "nghi-dinh-07-2021-nd-cp",
    "number_symbol": "07/2021/NĐ-CP",
    "document_type": "nghi-dinh",
    "issuing_body": "Chính phủ",
    "issue_date": date(2021, 1, 27),
    "effective_status": "in-force",
    "effective_from": date(2021, 3, 15),
    "effective_to": date(2026, 12, 31),
    "summary": "Quy định chuẩn nghèo đa chiều giai đoạn 2021 - 2025 (áp dụng từ năm 2022, được "
    "tiếp tục áp dụng đến hết ngày 31/12/2026)",
    "full_text": "".join(
        f"<p>{p}</p>"
        for p in (
            "Chuẩn nghèo đa chiều gồm tiêu chí thu nhập và tiêu chí mức độ thiếu hụt dịch vụ xã "
            "hội cơ bản.",
            "Tiêu chí thu nhập: khu vực nông thôn 1.500.000 đồng/người/tháng; khu vực thành thị "
            "2.000.000 đồng/người/tháng.",
            "Tiêu chí mức độ thiếu hụt dịch vụ xã hội cơ bản gồm 6 dịch vụ với 12 chỉ số: việc "
            "làm (việc làm; người phụ thuộc trong hộ gia đình); y tế (dinh dưỡng; bảo hiểm y tế); "
            "giáo dục (trình độ giáo dục của người lớn; tình trạng đi học của trẻ em); nhà ở "
            "(chất lượng nhà ở; diện tích nhà ở bình quân đầu người); nước sinh hoạt và vệ sinh "
            "(nguồn nước sinh hoạt; nhà tiêu hợp vệ sinh); thông tin (sử dụng dịch vụ viễn "
            "thông; phương tiện phục vụ tiếp cận thông tin).",
            "Hộ nghèo: thu nhập bình quân đầu người/tháng từ chuẩn thu nhập trở xuống và thiếu "
            "hụt từ 3 chỉ số trở lên. Hộ cận nghèo: thu nhập từ chuẩn trở xuống và thiếu hụt dưới "
            "3 chỉ số. Hộ có mức sống trung bình: nông thôn trên 1.500.000 đến 2.250.000 đồng, "
            "thành thị trên 2.000.000 đến 3.000.000 đồng.",
            "Trang “Tự đánh giá hộ nghèo” của cổng áp dụng chuẩn này. Toàn văn xem tại Cơ sở dữ "
            "liệu quốc gia về văn bản pháp luật.",
        )
    ),
}

RADIO_MEDIA_NOTE = (
    "Bản tin truyền thanh cơ sở chuyên mục “Gương sáng giảm nghèo”, phát trên hệ thống truyền "
    "thanh các xã (giọng đọc tổng hợp của bản trình diễn)."
)

PRIVACY_BODY = "".join(
    (
        "<p>Trang này cho biết Trang thông tin điện tử về giảm nghèo bền vững thu thập dữ liệu "
        "cá nhân nào, để làm gì, lưu trong bao lâu và người dân hỏi ai, theo Nghị định "
        "13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân và Luật Bảo vệ dữ liệu cá nhân.</p>",
        "<h2>Cơ quan xử lý dữ liệu</h2>",
        "<p>Cơ quan thường trực của cổng (ghi ở chân trang) là bên kiểm soát và xử lý dữ liệu "
        "cá nhân. Dữ liệu chỉ được xử lý khi người dân đồng ý, cho đúng mục đích đã nêu.</p>",
        "<h2>Dữ liệu cổng thu thập</h2>",
        "<ul>",
        "<li><b>Phản ánh, kiến nghị, câu hỏi.</b> Họ và tên, số điện thoại, thư điện tử (nếu "
        "bạn cung cấp), nội dung, ảnh hoặc tài liệu kèm theo, vị trí trên bản đồ (nếu bạn chọn). "
        "Mục đích: tiếp nhận, chuyển cơ quan có thẩm quyền, xử lý và trả lời. Bạn có thể gửi ẩn "
        "danh hoặc đề nghị giữ bí mật danh tính; câu trả lời được công khai đã lược bỏ thông tin "
        "cá nhân, và chỉ khi bạn đồng ý. Ảnh được xóa thông tin vị trí (GPS) khi tải lên. Thời "
        "gian lưu: 5 năm kể từ khi trả lời.</li>",
        "<li><b>Đề nghị liên hệ sau khi tự đánh giá hộ nghèo.</b> Họ và tên, số điện thoại, xã "
        "hoặc phường, lời nhắn và kết quả tự đánh giá (khu vực, các chỉ số thiếu hụt). Mục đích: "
        "cán bộ xã, phường liên hệ hướng dẫn rà soát hộ nghèo, hộ cận nghèo. Câu trả lời tự đánh "
        "giá không được lưu nếu bạn không gửi đề nghị liên hệ. Thời gian lưu: 12 tháng kể từ khi "
        "gửi đề nghị, sau đó hệ thống tự động xóa.</li>",
        "<li><b>Dữ liệu kỹ thuật.</b> Cổng chỉ dùng cookie cần thiết (ngôn ngữ đã chọn, bảo vệ "
        "biểu mẫu); không dùng cookie quảng cáo và không tải mã theo dõi của bên thứ ba.</li>",
        "</ul>",
        "<h2>Ai được xem</h2>",
        "<p>Chỉ cán bộ của cơ quan được giao xử lý phản ánh hoặc hướng dẫn rà soát ở xã, phường "
        "của bạn; mỗi lần xem thông tin của hộ gia đình đều được ghi lại. Dữ liệu không được bán "
        "hay chuyển cho bên thứ ba.</p>",
        "<h2>Quyền của bạn</h2>",
        "<p>Bạn có quyền được biết, đồng ý hoặc rút lại sự đồng ý, xem, chỉnh sửa, yêu cầu xóa, "
        "hạn chế xử lý, phản đối xử lý dữ liệu của mình và khiếu nại. Khi có sự cố lộ lọt dữ "
        "liệu, cơ quan xử lý thông báo cho cơ quan chuyên trách trong vòng 72 giờ.</p>",
        "<h2>Hỏi ai</h2>",
        "<p>Gửi yêu cầu đến đầu mối cung cấp thông tin của cổng: xem trang "
        '<a href="/lien-he/">Liên hệ</a> (điện thoại, thư điện tử, địa chỉ) hoặc thông tin ở '
        "chân trang. Yêu cầu được trả lời trong thời hạn pháp luật quy định.</p>",
    )
)

ACCESSIBILITY_BODY = "".join(
    (
        "<p>Cơ quan thường trực của cổng cam kết để mọi người, kể cả người khuyết tật, người "
        "cao tuổi và người dùng điện thoại cấu hình thấp, đọc và sử dụng được cổng.</p>",
        "<h2>Mức độ đáp ứng</h2>",
        "<p>Cổng hướng tới đáp ứng Hướng dẫn về khả năng tiếp cận nội dung web WCAG 2.1 mức AA. "
        "Các trang công khai được kiểm tra tự động (axe) và bằng trình duyệt: dùng được hoàn "
        "toàn bằng bàn phím, có liên kết “Bỏ qua, đến nội dung chính”, màu chữ đạt độ tương phản "
        "tối thiểu 4,5:1, ảnh có mô tả thay thế, biểu mẫu có nhãn và báo lỗi bằng lời; trang "
        "hiển thị được ở màn hình rộng 320 điểm ảnh mà không phải cuộn ngang, thực đơn thu gọn "
        "trên điện thoại và vẫn dùng được khi trình duyệt tắt JavaScript.</p>",
        "<h2>Hạn chế đã biết</h2>",
        "<ul>",
        "<li>Tệp PDF đính kèm văn bản chưa được gắn đầy đủ cấu trúc cho trình đọc màn hình; "
        "toàn văn có ngay trên trang văn bản.</li>",
        "<li>Bản tin truyền thanh dùng giọng đọc tổng hợp; lời bản tin có ở dạng văn bản trên "
        "cùng trang.</li>",
        "<li>Video đăng trên nền tảng bên ngoài có thể chưa có phụ đề.</li>",
        "<li>Một số nội dung chỉ có bằng tiếng Việt.</li>",
        "</ul>",
        "<h2>Phản hồi và liên hệ</h2>",
        "<p>Nếu bạn gặp khó khăn khi sử dụng cổng, hãy báo cho đầu mối cung cấp thông tin qua "
        'trang <a href="/lien-he/">Liên hệ</a> hoặc gửi '
        '<a href="/phan-anh/gui/">phản ánh, kiến nghị</a>; chúng tôi trả lời và khắc phục '
        "trong thời gian sớm nhất.</p>",
    )
)
