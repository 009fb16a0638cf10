import { z } from 'zod';

export const ComponentCode = z
  .string()
  .regex(/^(TP\d{2,3}|result)$/, 'TP01, TP02… (the procedure’s dossier components in order) or result')
  .meta({ description: 'Dossier component: `TP01`, `TP02`… in the order the procedure version lists them, or `result`' });

const Id = z.string().uuid();

export const Attachment = z
  .object({
    id: z.string(),
    component: z.string(),
    digitised: z.boolean().meta({ description: 'true for an uploaded or scanned file; false for a paper received only on paper' }),
    fileName: z.string().nullable(),
    mediaType: z.string().nullable().meta({ description: 'Detected from the content, not from the name' }),
    size: z.number().nullable(),
    sha256: z.string().nullable(),
    note: z.string().nullable(),
    uploadedBy: z.object({ id: z.string(), name: z.string() }),
    createdAt: z.string(),
    supersededBy: z.string().nullable().meta({ description: 'The attachment that replaced this one; history is never deleted' }),
    supersededAt: z.string().nullable(),
    contentUrl: z.string().nullable(),
  })
  .meta({ id: 'DossierAttachment' });

export const ComponentSummary = z
  .object({
    component: z.string(),
    name: z.string(),
    required: z.boolean().nullable(),
    received: z.boolean().meta({ description: 'At least one current (not superseded) paper' }),
    digitised: z.boolean().meta({ description: 'At least one current paper is a file' }),
    current: z.number(),
  })
  .meta({ id: 'DossierComponentSummary' });

export const AttachmentList = z
  .object({
    dossierId: z.string(),
    code: z.string().nullable(),
    components: z.array(ComponentSummary),
    items: z.array(Attachment),
  })
  .meta({ id: 'DossierAttachmentList' });

export const ReuseBody = z
  .object({
    component: ComponentCode,
    attachmentId: Id.meta({ description: 'A file you uploaded to another of your dossiers' }),
    replaces: Id.optional(),
  })
  .strict();

export const PaperBody = z
  .object({
    component: ComponentCode,
    note: z.string().trim().min(1).max(2000).meta({ description: 'What was received, e.g. "Bản chính giấy khai sinh, 1 bản"' }),
    replaces: Id.optional(),
  })
  .strict();

/** The text fields of the multipart upload; they must come before the file part. */
export const UploadFields = z
  .object({
    component: ComponentCode,
    replaces: Id.optional(),
  })
  .strict();
