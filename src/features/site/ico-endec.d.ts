// ico-endec ships JavaScript only (a UMD bundle, so one default export): the function Docket uses.
declare module "ico-endec" {
  const icoEndec: {
    /** An ICO file holding each of the given PNG (or BMP) images. */
    encode(images: (Buffer | ArrayBuffer)[]): Buffer;
  };
  export default icoEndec;
}
