import { LOCATION_MODELS } from "../../src/model/types";
test("location models are the seed's three words", () => {
  expect(LOCATION_MODELS).toEqual(["Onshore", "Nearshore", "Offshore"]);
});
