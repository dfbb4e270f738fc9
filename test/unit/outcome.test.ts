// Failure messages the pane shows are the failure's own words, never "[object Object]".
import { messageOf } from "../../src/actions/outcome";

test("a thrown non-error reads as its message when it has one, else in words, never '[object Object]'", () => {
  expect(messageOf(new Error("The sheet is protected."))).toBe("The sheet is protected");
  expect(messageOf({ message: "Rich API error" })).toBe("Rich API error");
  expect(messageOf({ code: "GeneralException" })).toBe("an unexpected failure");
  expect(messageOf("plain text")).toBe("plain text");
});
