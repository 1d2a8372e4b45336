"use client";
// The body of a post or a page: the rich-text editor (over the markdown it stores), beside a live
// preview rendered on the server by the same pipeline as the public page. One component, so posts and
// pages are written the same way.
import { useEffect, useState } from "react";
import { RichTextEditor } from "@/features/editor/components/RichTextEditor";
import { pastedHtmlToMarkdown } from "@/features/media/pasted-html";
import { uploadImageFile } from "@/lib/upload-answer";
import { previewMarkdownAction } from "@/features/posts/actions";

type Props = {
  value: string;
  onChange: (markdown: string) => void;
  /** The saved text's HTML, shown until the first preview arrives. */
  initialHtml: string;
  /** The form's message for the text, if the last save was refused. */
  error?: string;
  id?: string;
  label?: string;
};

export function BodyField({ value, onChange, initialHtml, error, id = "bodyMarkdown", label = "Text" }: Props) {
  const [previewHtml, setPreviewHtml] = useState(initialHtml);
  const [readingMinutes, setReadingMinutes] = useState<number | null>(null);

  useEffect(() => {
    const handle = setTimeout(async () => {
      try {
        const result = await previewMarkdownAction(value);
        if (result.ok) {
          setPreviewHtml(result.data.html);
          setReadingMinutes(result.data.readingMinutes);
        }
      } catch {
        // The preview is a convenience; saving reports connection problems.
      }
    }, 400);
    return () => clearTimeout(handle);
  }, [value]);

  return (
    <div className="write-and-preview">
      <div>
        <RichTextEditor
          id={id}
          label={label}
          value={value}
          onChange={onChange}
          onUploadImage={uploadImageFile}
          onPasteHtml={pastedHtmlToMarkdown}
          {...(error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {})}
        />
        {error && (
          <p className="form-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
      </div>
      <div>
        <p className="field-label">
          Preview{readingMinutes ? <span className="form-hint"> · {readingMinutes} min read</span> : null}
        </p>
        <div className="post-preview" data-testid="preview" dangerouslySetInnerHTML={{ __html: previewHtml }} />
      </div>
    </div>
  );
}
