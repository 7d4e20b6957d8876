import { PNG } from 'pngjs';

/** A black-and-white image: 1 where the PNG is darker than mid-grey. */
export type Bitmap = { width: number; height: number; on: Uint8Array };

export function binarise(png: Uint8Array): Bitmap {
  const image = PNG.sync.read(Buffer.from(png));
  const on = new Uint8Array(image.width * image.height);
  for (let index = 0; index < on.length; index++) on[index] = image.data[index * 4]! < 128 ? 1 : 0;
  return { width: image.width, height: image.height, on };
}
