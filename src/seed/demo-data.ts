import type { Role } from '../platform/auth/actor.js';

/**
 * A demo province: Thái Nguyên (province code 19, agency level-1 code H55), with its public
 * administrative service centre, two departments and two wards. Agency codes follow the
 * left-to-right style of Decision 20/2020/QĐ-TTg; they are illustrative, not the official ones.
 */
export const DEMO_AGENCIES = [
  { code: 'H55', name: 'Ủy ban nhân dân tỉnh Thái Nguyên', kind: 'provincial_pc', parent_code: null, unit_structure: '2025', unit_code: '19', address: 'Thành phố Thái Nguyên' },
  { code: 'H55.01', name: 'Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên', kind: 'pas_centre', parent_code: 'H55', unit_structure: '2025', unit_code: '19', address: 'Phường Phan Đình Phùng, tỉnh Thái Nguyên' },
  { code: 'H55.02', name: 'Sở Tư pháp tỉnh Thái Nguyên', kind: 'department', parent_code: 'H55', unit_structure: '2025', unit_code: '19', address: null },
  { code: 'H55.03', name: 'Sở Nông nghiệp và Môi trường tỉnh Thái Nguyên', kind: 'department', parent_code: 'H55', unit_structure: '2025', unit_code: '19', address: null },
  { code: 'H55.10', name: 'Ủy ban nhân dân phường Phan Đình Phùng', kind: 'commune_pc', parent_code: 'H55', unit_structure: '2025', unit_code: '05443', address: null },
  { code: 'H55.10.01', name: 'Trung tâm Phục vụ hành chính công phường Phan Đình Phùng', kind: 'pas_centre', parent_code: 'H55.10', unit_structure: '2025', unit_code: '05443', address: null },
  { code: 'H55.11', name: 'Ủy ban nhân dân phường Tích Lương', kind: 'commune_pc', parent_code: 'H55', unit_structure: '2025', unit_code: '05500', address: null },
  { code: 'H55.11.01', name: 'Trung tâm Phục vụ hành chính công phường Tích Lương', kind: 'pas_centre', parent_code: 'H55.11', unit_structure: '2025', unit_code: '05500', address: null },
] as const;

type DemoPerson = {
  username: string;
  fullName: string;
  kind: 'citizen' | 'business' | 'officer' | 'service';
  personalId?: string;
  taxCode?: string;
  email?: string;
  phone?: string;
  dateOfBirth?: string;
  address?: string;
  roles?: { agency: string; role: Role }[];
};

export const DEMO_PEOPLE: DemoPerson[] = [
  { username: 'congdan.an', fullName: 'Nguyễn Văn An', kind: 'citizen', personalId: '019090001234', email: 'an.nguyen@example.vn', phone: '0912000001', dateOfBirth: '1990-05-12', address: 'Tổ 5, phường Phan Đình Phùng, tỉnh Thái Nguyên' },
  { username: 'congdan.binh', fullName: 'Trần Thị Bình', kind: 'citizen', personalId: '019185004321', email: 'binh.tran@example.vn', phone: '0912000002', dateOfBirth: '1985-11-02', address: 'Xóm Đồng, phường Tích Lương, tỉnh Thái Nguyên' },
  { username: 'doanhnghiep.hoasen', fullName: 'Công ty TNHH Hoa Sen Thái Nguyên', kind: 'business', taxCode: '4601234567', email: 'lienhe@hoasen.example.vn' },
  { username: 'motcua.tinh', fullName: 'Lê Thu Hà', kind: 'officer', email: 'motcua.tinh@thainguyen.example.vn', roles: [{ agency: 'H55.01', role: 'reception' }] },
  { username: 'chuyenvien.tuphap', fullName: 'Phạm Minh Đức', kind: 'officer', email: 'duc.pm@stp.thainguyen.example.vn', roles: [{ agency: 'H55.02', role: 'specialist' }] },
  { username: 'lanhdao.tuphap', fullName: 'Hoàng Văn Thắng', kind: 'officer', email: 'thang.hv@stp.thainguyen.example.vn', roles: [{ agency: 'H55.02', role: 'approver' }] },
  { username: 'chuyenvien.nnmt', fullName: 'Đỗ Thị Lan', kind: 'officer', roles: [{ agency: 'H55.03', role: 'specialist' }] },
  { username: 'motcua.phandinhphung', fullName: 'Vũ Thị Mai', kind: 'officer', roles: [{ agency: 'H55.10.01', role: 'reception' }] },
  { username: 'chuyenvien.phandinhphung', fullName: 'Ngô Quang Huy', kind: 'officer', email: 'huy.nq@phandinhphung.thainguyen.example.vn', roles: [{ agency: 'H55.10', role: 'specialist' }] },
  { username: 'lanhdao.phandinhphung', fullName: 'Bùi Đức Long', kind: 'officer', email: 'long.bd@phandinhphung.thainguyen.example.vn', roles: [{ agency: 'H55.10', role: 'approver' }] },
  { username: 'motcua.tichluong', fullName: 'Đặng Thị Hương', kind: 'officer', roles: [{ agency: 'H55.11.01', role: 'reception' }] },
  { username: 'kiemsoat.tinh', fullName: 'Trịnh Văn Khoa', kind: 'officer', roles: [{ agency: 'H55', role: 'procedure_control' }] },
  { username: 'baocao.tinh', fullName: 'Lý Thị Nga', kind: 'officer', roles: [{ agency: 'H55', role: 'reporting' }] },
  { username: 'quantri.tinh', fullName: 'Mai Xuân Trường', kind: 'officer', roles: [{ agency: 'H55', role: 'admin' }] },
  { username: 'quantri.tichluong', fullName: 'Tạ Minh Tâm', kind: 'officer', roles: [{ agency: 'H55.11', role: 'admin' }] },
  { username: 'tich-hop.baocao', fullName: 'Hệ thống báo cáo tỉnh (tích hợp)', kind: 'service', roles: [{ agency: 'H55', role: 'reporting' }] },
];
