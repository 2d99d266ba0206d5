// Spectral function: a media type object carries an `example` or a non-empty `examples` map,
// so that docs show it, the mock can serve it and the example check validates it.
export default function hasExample(media) {
  const named = media?.examples && Object.keys(media.examples).length > 0;
  return media && ("example" in media || named) ? [] : [{ message: "Media type must have an example (prefer named `examples`)." }];
}
