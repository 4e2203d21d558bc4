import {
  ComplementAlreadyRequested,
  DeclarationIsClosed,
  NoOpenComplementRequest,
  TextRequired,
} from './declaration.errors';
import { given } from '../testing/given-when-then';
import {
  complementProvided,
  complementRequested,
  declarationClosed,
  declarationSubmitted,
  provideComplement,
  requestComplement,
} from '../testing/fixtures';

const submitted = declarationSubmitted();

describe('RequestComplement', () => {
  it('accepted: the analyst asks the declarant a question', () => {
    given([submitted]).when(requestComplement()).then([complementRequested()]);
  });

  it('accepted: a new question once the previous one was answered', () => {
    given([submitted, complementRequested(), complementProvided()])
      .when(requestComplement({ requestId: 'complement-2', question: 'Et les sauvegardes ?' }))
      .then([complementRequested({ requestId: 'complement-2', question: 'Et les sauvegardes ?' })]);
  });

  it('refused: one open request at a time', () => {
    const error = given([submitted, complementRequested()])
      .when(requestComplement({ requestId: 'complement-2' }))
      .thenThrows(ComplementAlreadyRequested);
    expect(error).toMatchObject({ openRequestId: 'complement-1', kind: 'conflict' });
  });

  it('refused: not on a closed declaration', () => {
    given([submitted, declarationClosed()]).when(requestComplement()).thenThrows(DeclarationIsClosed);
  });

  it('refused: the question is not blank', () => {
    given([submitted])
      .when(requestComplement({ question: '' }))
      .thenThrows(TextRequired, { field: 'question' });
  });
});

describe('ProvideComplement', () => {
  it('accepted: the answer goes to the open request', () => {
    given([submitted, complementRequested()]).when(provideComplement()).then([complementProvided()]);
  });

  it('accepted: the answer goes to the latest request', () => {
    given([
      submitted,
      complementRequested(),
      complementProvided(),
      complementRequested({ requestId: 'complement-2' }),
    ])
      .when(provideComplement())
      .then([complementProvided({ requestId: 'complement-2' })]);
  });

  it('refused: nothing was asked', () => {
    given([submitted]).when(provideComplement()).thenThrows(NoOpenComplementRequest);
  });

  it('refused: the question was already answered', () => {
    given([submitted, complementRequested(), complementProvided()])
      .when(provideComplement())
      .thenThrows(NoOpenComplementRequest);
  });

  it('refused: not on a closed declaration', () => {
    given([submitted, complementRequested(), declarationClosed()])
      .when(provideComplement())
      .thenThrows(DeclarationIsClosed);
  });

  it('refused: the answer is not blank', () => {
    given([submitted, complementRequested()])
      .when(provideComplement({ answer: ' ' }))
      .thenThrows(TextRequired, { field: 'answer' });
  });
});
