import { STAFF_ROLES, type Role } from "../../prisma/enums.ts";

export { COURSE_ROLES, RoleSchema, STAFF_ROLES, type Role } from "../../prisma/enums.ts";

export const isStaff = (role: Role): boolean => (STAFF_ROLES as readonly Role[]).includes(role);

export const ROLE_LABELS: Record<Role, string> = { student: "Student", ta: "Teaching assistant", instructor: "Instructor" };
