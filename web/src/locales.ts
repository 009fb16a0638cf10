/** Texts of the shell and the citizen pages. Vietnamese is the source; English must have every key. */
export const vi = {
  product: 'Cổng dịch vụ công — Một cửa điện tử',
  skipToContent: 'Bỏ qua, đến nội dung chính',
  nav: {
    label: 'Điều hướng chính',
    home: 'Trang chủ',
    account: 'Tài khoản',
    admin: 'Quản trị',
  },
  language: {
    label: 'Ngôn ngữ',
    vi: 'Tiếng Việt',
    en: 'English',
  },
  auth: {
    signIn: 'Đăng nhập',
    signOut: 'Đăng xuất',
    signedIn: 'Đã đăng nhập:',
    needSignIn: 'Bạn cần đăng nhập để xem trang này.',
  },
  footer: {
    about: 'motcua — nền tảng mã nguồn mở cho cải cách thủ tục hành chính.',
    apiDocs: 'Tài liệu API (tiếng Anh)',
  },
  common: {
    loading: 'Đang tải…',
    retry: 'Thử lại',
    error: 'Đã có lỗi',
  },
  kind: {
    citizen: 'Công dân',
    business: 'Doanh nghiệp',
    officer: 'Cán bộ',
    service: 'Tài khoản hệ thống',
  },
  home: {
    title: 'Trang chủ',
    heading: 'Thủ tục hành chính trực tuyến, một đầu mối',
    intro:
      'Cổng dịch vụ công là nơi người dân và doanh nghiệp tìm hiểu thủ tục hành chính, nộp hồ sơ trực tuyến và theo dõi kết quả; là nơi cán bộ bộ phận một cửa tiếp nhận, xử lý và trả kết quả đúng hạn.',
    featuresHeading: 'Cổng giúp bạn',
    find: 'Tìm thủ tục',
    findText: 'Tra cứu thủ tục hành chính: thành phần hồ sơ, thời hạn giải quyết, phí, lệ phí và nơi nộp.',
    file: 'Nộp hồ sơ trực tuyến',
    fileText: 'Điền tờ khai, đính kèm giấy tờ và nộp hồ sơ mọi lúc, không phải đến trụ sở.',
    follow: 'Theo dõi hồ sơ',
    followText: 'Biết hồ sơ đang ở bước nào, khi nào có kết quả, và nhận kết quả tại nhà hoặc tại bộ phận một cửa.',
    officers: 'Dành cho cán bộ',
    officersText:
      'Tiếp nhận hồ sơ tại bộ phận một cửa, chuyển xử lý, phê duyệt và trả kết quả theo thời hạn tính bằng ngày làm việc.',
    building: 'Các chức năng tra cứu và nộp hồ sơ đang được hoàn thiện.',
    startHeading: 'Bắt đầu',
    startAnonymous: 'Đăng nhập bằng tài khoản định danh để dùng các dịch vụ của cổng.',
    myAccount: 'Xem tài khoản của tôi',
    goAdmin: 'Vào trang quản trị',
  },
  account: {
    title: 'Tài khoản của tôi',
    fullName: 'Họ và tên',
    username: 'Tên đăng nhập',
    kind: 'Loại tài khoản',
    rolesCaption: 'Vai trò được phân công',
    agency: 'Cơ quan',
    agencyCode: 'Mã định danh',
    role: 'Vai trò',
    noRoles: 'Tài khoản này không có vai trò cán bộ.',
  },
  adminGate: {
    title: 'Quản trị',
    forbidden: 'Trang này dành cho cán bộ có quyền quản trị hệ thống.',
  },
  notFound: {
    title: 'Không tìm thấy trang',
    text: 'Địa chỉ bạn mở không có trên cổng.',
    home: 'Về trang chủ',
  },
  routeError: {
    title: 'Không mở được trang',
    text: 'Có thể cổng vừa được cập nhật. Hãy tải lại trang.',
    reload: 'Tải lại trang',
  },
};

export type Messages = typeof vi;

export const en: Messages = {
  product: 'Public Service Portal — One-Stop Shop',
  skipToContent: 'Skip to main content',
  nav: {
    label: 'Main navigation',
    home: 'Home',
    account: 'Account',
    admin: 'Administration',
  },
  language: {
    label: 'Language',
    vi: 'Tiếng Việt',
    en: 'English',
  },
  auth: {
    signIn: 'Sign in',
    signOut: 'Sign out',
    signedIn: 'Signed in:',
    needSignIn: 'You need to sign in to see this page.',
  },
  footer: {
    about: 'motcua — an open-source platform for administrative procedure reform.',
    apiDocs: 'API documentation',
  },
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    error: 'Something went wrong',
  },
  kind: {
    citizen: 'Citizen',
    business: 'Business',
    officer: 'Officer',
    service: 'System account',
  },
  home: {
    title: 'Home',
    heading: 'Administrative procedures online, in one place',
    intro:
      'The public service portal is where citizens and businesses learn about administrative procedures, file dossiers online and follow them to the result; and where one-stop desk officers receive, process and return dossiers on time.',
    featuresHeading: 'What you can do',
    find: 'Find a procedure',
    findText: 'Look up a procedure: the documents it needs, the time limit, fees and where to file.',
    file: 'File online',
    fileText: 'Fill in the form, attach your documents and file at any time, without going to the office.',
    follow: 'Follow your dossier',
    followText: 'See which step your dossier is at, when the result is due, and receive it at home or at the one-stop desk.',
    officers: 'For officers',
    officersText: 'Receive dossiers at the one-stop desk, pass them on for processing, approve and return results within deadlines counted in working days.',
    building: 'Procedure search and online filing are being finished.',
    startHeading: 'Get started',
    startAnonymous: 'Sign in with your digital identity to use the portal’s services.',
    myAccount: 'See my account',
    goAdmin: 'Go to administration',
  },
  account: {
    title: 'My account',
    fullName: 'Full name',
    username: 'Username',
    kind: 'Account type',
    rolesCaption: 'Assigned roles',
    agency: 'Agency',
    agencyCode: 'Agency code',
    role: 'Role',
    noRoles: 'This account has no officer roles.',
  },
  adminGate: {
    title: 'Administration',
    forbidden: 'This page is for officers with the administrator role.',
  },
  notFound: {
    title: 'Page not found',
    text: 'The address you opened is not on the portal.',
    home: 'Back to the home page',
  },
  routeError: {
    title: 'The page could not be opened',
    text: 'The portal may have just been updated. Reload the page.',
    reload: 'Reload the page',
  },
};
